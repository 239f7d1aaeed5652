/** The knowledge base as the UI needs it: rules with counts, refreshed when rules or data change. */
import { useEffect, useMemo, useState } from 'react';
import type { LogsiftClient } from '../../../shared/api';
import type { KbRuleInfo, KbState } from '../../../shared/model/kb';
import { singleFlight } from '../../api/single-flight';

export interface KbView {
  state: KbState | null;
  /** Rules by id. */
  rules: ReadonlyMap<string, KbRuleInfo>;
  refresh(): void;
}

/** Counts change while files load: re-pulled at most this often. */
const REFRESH_DELAY_MS = 400;

export function useKb(client: LogsiftClient, dataVersion: number): KbView {
  const [state, setState] = useState<KbState | null>(null);
  const refresh = useMemo(() => singleFlight(async () => setState(await client.getKb())), [client]);
  useEffect(() => client.on('kbChanged', () => refresh()), [client, refresh]);
  useEffect(() => {
    const timer = setTimeout(() => refresh(), REFRESH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [dataVersion, refresh]);
  const rules = useMemo(() => new Map((state?.rules ?? []).map((info) => [info.rule.id, info])), [state]);
  return { state, rules, refresh };
}
