/**
 * How Event Viewer (Vista and later) writes its text exports in each display language: the five
 * header names, the level words, and the usual date order. The level word and date come out in the
 * exporting machine's language, so a file is read by the language of its header.
 */
import type { Severity } from '../../../shared/model/severity';

export interface EventViewerLanguage {
  code: string;
  /** Header names, lower-cased: Level, Date and Time, Source, Event ID, Task Category. */
  header: readonly string[];
  /** Level words, lower-cased, including the audit keywords Security logs show as levels. */
  levels: Readonly<Record<string, Severity>>;
  /** Whether NN/NN/YYYY dates are day first when the file itself does not settle it. */
  dayFirst: boolean;
}

export const EVENT_VIEWER_LANGUAGES: readonly EventViewerLanguage[] = [
  {
    code: 'en',
    header: ['level', 'date and time', 'source', 'event id', 'task category'],
    levels: {
      critical: 'critical',
      error: 'error',
      warning: 'warning',
      information: 'information',
      verbose: 'verbose',
      'audit success': 'audit-success',
      'audit failure': 'audit-failure',
    },
    dayFirst: false,
  },
  {
    code: 'de',
    header: ['ebene', 'datum und uhrzeit', 'quelle', 'ereignis-id', 'aufgabenkategorie'],
    levels: {
      kritisch: 'critical',
      fehler: 'error',
      warnung: 'warning',
      informationen: 'information',
      ausführlich: 'verbose',
      'überwachung erfolgreich': 'audit-success',
      'überwachung gescheitert': 'audit-failure',
    },
    dayFirst: true,
  },
  {
    code: 'fr',
    header: ['niveau', 'date et heure', 'source', 'id de l’événement', 'catégorie de la tâche'],
    levels: {
      critique: 'critical',
      erreur: 'error',
      avertissement: 'warning',
      information: 'information',
      commentaires: 'verbose',
      'succès de l’audit': 'audit-success',
      'échec de l’audit': 'audit-failure',
    },
    dayFirst: true,
  },
  {
    code: 'es',
    header: ['nivel', 'fecha y hora', 'origen', 'id. del evento', 'categoría de la tarea'],
    levels: {
      crítico: 'critical',
      error: 'error',
      advertencia: 'warning',
      información: 'information',
      detallado: 'verbose',
      'auditoría correcta': 'audit-success',
      'error de auditoría': 'audit-failure',
    },
    dayFirst: true,
  },
  {
    code: 'nl',
    header: ['niveau', 'datum en tijd', 'bron', 'gebeurtenis-id', 'taakcategorie'],
    levels: {
      kritiek: 'critical',
      fout: 'error',
      waarschuwing: 'warning',
      informatie: 'information',
      uitgebreid: 'verbose',
      'controle geslaagd': 'audit-success',
      'controle mislukt': 'audit-failure',
    },
    dayFirst: true,
  },
  {
    code: 'ja',
    header: ['レベル', '日付と時刻', 'ソース', 'イベント id', 'タスクのカテゴリ'],
    levels: {
      重大: 'critical',
      エラー: 'error',
      警告: 'warning',
      情報: 'information',
      詳細: 'verbose',
      成功の監査: 'audit-success',
      失敗の監査: 'audit-failure',
    },
    dayFirst: false,
  },
];

/** Apostrophes differ between Windows versions (’ and '); compare names with one kind. */
export function normaliseHeaderName(name: string): string {
  return name.trim().replace(/^"|"$/g, '').replace(/'/g, '’').toLowerCase();
}

/** The language whose header row this is, if any. */
export function languageOfHeader(names: readonly string[]): EventViewerLanguage | undefined {
  const normalised = names.map(normaliseHeaderName);
  return EVENT_VIEWER_LANGUAGES.find(
    (language) => language.header.length === normalised.length && language.header.every((name, i) => normalised[i] === name),
  );
}
