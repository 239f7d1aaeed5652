/**
 * Message templates Logsift ships for providers its knowledge base covers, so a .evt/.evtx event
 * from a machine we never saw still reads as the message the KB rules (and administrators) know.
 *
 * Every text here is taken from a document that quotes the event (see `source`): a Microsoft KB or
 * event list where one was found, otherwise a third-party quotation, which `source` says. Where a
 * document shows a rendered example, its variable parts became placeholders and `numbering` says
 * whether their order is proven. Events whose wording no source quotes are left out (the caller
 * then shows the insertion strings): see the list after the table.
 *
 * Keyed by provider (case-insensitive) and event ID (low 16 bits).
 */

export interface BuiltinTemplate {
  /** Provider / event source names this text is registered under (first = canonical). */
  readonly providers: readonly string[];
  readonly eventId: number;
  /** FormatMessage-style template (%1…, %n). */
  readonly template: string;
  /** Where the wording comes from. */
  readonly source: string;
  /**
   * How the placeholders were numbered: 'derived' when a source shows which insertion string goes
   * where (or there is none); 'reading-order' when the source shows a rendered example only and the
   * variable parts were numbered %1, %2… as they appear (the usual message-compiler layout, but not
   * proven for that event).
   */
  readonly numbering: 'derived' | 'reading-order';
}

/*
 * Exchange MTA socket events (9215, 9221, 9224, 9234) share one message family. Rendered examples:
 *   9221 (Q162674, an Event Viewer line copied verbatim): "A sockets error 10054 on a WSARecvEx()
 *        call was detected. The MTA will attempt to recover the sockets connection. Control block
 *        index: 1. [BASE IL TCP/IP DRVR 10 262] (12)" — Q169143 quotes the same event with "The
 *        message transfer agent (MTA) will attempt…", the KB's house style of spelling out acronyms
 *   9215 (Q170056, Q152941 twice): "A sockets error 10061 on a connect() call was detected. The MTA
 *        will attempt to recover the sockets connection. Control block index: 1.
 *        [BASE IL TCP/IP DRVR 8 274] (12)"
 *   9224 (Q152941): "A sockets error 10054 on a send() call was detected. The MTA will attempt to
 *        recover the sockets connection. Control block index: 8. [BASE IL TCP/IP DRVR 54 272] (12)"
 *   9234 (Q170006, inserts out of order): "A sockets error BASE IL on a select() call was detected.
 *        The MTA will attempt to recover the sockets connection. Control block index: 10038.
 *        [TCP/IP ASYNC 11 280 %6] (12)"
 * The 9234 example fixes the numbering: five strings arrived, the first two went into the error
 * and control-block slots, the next three filled the bracket and the literal "%6" was left where
 * the sixth was missing, while "(12)" still printed, so it is template text. Hence %1 = socket
 * error, %2 = control block index, [%3 %4 %5 %6] = the MTA's diagnostic location, "(12)" literal.
 * Every other quotation of the family (also Q182619's 9215) says "The MTA will attempt…", so 9221
 * does too; the KB patterns match either wording.
 */
const MTA_DIAGNOSTIC = ' [%3 %4 %5 %6] (12)';

const TEMPLATES: readonly BuiltinTemplate[] = [
  {
    providers: ['MSExchangeMTA'],
    eventId: 9221,
    template:
      'A sockets error %1 on a WSARecvEx() call was detected. The MTA will attempt to recover the sockets connection. Control block index: %2.' +
      MTA_DIAGNOSTIC,
    source:
      'MS KB Q162674 (https://jeffpar.github.io/kbarchive/kb/162/Q162674/) and Q169143 (https://jeffpar.github.io/kbarchive/kb/169/Q169143/), rendered examples; numbering from Q170006',
    numbering: 'derived',
  },
  {
    providers: ['MSExchangeMTA'],
    eventId: 9215,
    template:
      'A sockets error %1 on a connect() call was detected. The MTA will attempt to recover the sockets connection. Control block index: %2.' +
      MTA_DIAGNOSTIC,
    source: 'MS KB Q170056 and Q152941 (https://jeffpar.github.io/kbarchive/kb/170/Q170056/), rendered examples; numbering from Q170006',
    numbering: 'derived',
  },
  {
    providers: ['MSExchangeMTA'],
    eventId: 9224,
    template:
      'A sockets error %1 on a send() call was detected. The MTA will attempt to recover the sockets connection. Control block index: %2.' +
      MTA_DIAGNOSTIC,
    source: 'MS KB Q152941 (https://jeffpar.github.io/kbarchive/kb/152/Q152941/), rendered example; numbering from Q170006',
    numbering: 'derived',
  },
  {
    providers: ['MSExchangeMTA'],
    eventId: 9234,
    template:
      'A sockets error %1 on a select() call was detected. The MTA will attempt to recover the sockets connection. Control block index: %2.' +
      MTA_DIAGNOSTIC,
    source: 'MS KB Q170006 (https://jeffpar.github.io/kbarchive/kb/170/Q170006/), example with its inserts out of order',
    numbering: 'derived',
  },
  /*
   * 9318, Exchange 5.5 wording (Q170056): "An RPC communications error occurred. Unable to bind
   * over RPC. The locality table (LTAB) index is 76. Windows NT error code: 1722.
   * [BASE IL MAIN BASE 1 500] (12)": two values, then the same four-item diagnostic as the socket
   * family. (Q228901 quotes a later build with more inserts — Comms error, Bind error, Remote Server
   * Name — whose numbering cannot be derived from its example; not shipped.)
   */
  {
    providers: ['MSExchangeMTA'],
    eventId: 9318,
    template:
      'An RPC communications error occurred. Unable to bind over RPC. The locality table (LTAB) index is %1. Windows NT error code: %2.' +
      MTA_DIAGNOSTIC,
    source: 'MS KB Q170056 (https://jeffpar.github.io/kbarchive/kb/170/Q170056/), rendered example; bracket numbering by analogy with the socket family',
    numbering: 'derived',
  },
  // Exchange information store, directory, NNTP and Internet Mail Service events. Each text is the
  // event description a KB article quotes; the variable parts of its example became %1, %2… in
  // reading order.
  {
    providers: ['MSExchangeIS'],
    eventId: 3089,
    template: 'Error %1 occurred while processing an incoming replication message.',
    source: 'MS KB Q177673 (https://jeffpar.github.io/kbarchive/kb/177/Q177673/), example "Error 0x80004005 occurred while processing an incoming replication message."',
    numbering: 'reading-order',
  },
  {
    providers: ['MSExchangeIS'],
    eventId: 3079,
    template: 'Unexpected replication thread error %1.%n%n%2',
    source: 'MS KB Q177673 (https://jeffpar.github.io/kbarchive/kb/177/Q177673/), example "Unexpected replication thread error 0x80004005." followed by a list of store functions',
    numbering: 'reading-order',
  },
  {
    providers: ['MSExchangeIS'],
    eventId: 1194,
    template: 'Accept clients on external interface %1 failed with error %2.',
    source: 'MS KB Q271275 (https://jeffpar.github.io/kbarchive/kb/271/Q271275/), examples for POP3, NNTP and IMAP4 with error 0x80004005',
    numbering: 'reading-order',
  },
  {
    // Q178757 shows the source as "ExchangeIS Private"; Event Viewer names it "MSExchangeIS Private".
    providers: ['MSExchangeIS Private', 'ExchangeIS Private'],
    eventId: 1203,
    template: 'Failed to delete the mailbox of %1 with error %2.',
    source: 'MS KB Q178757 (https://jeffpar.github.io/kbarchive/kb/178/Q178757/), example with a mailbox DN and 0x8004010f',
    numbering: 'reading-order',
  },
  {
    providers: ['MSExchangeIS Private'],
    eventId: 1016,
    template: 'NT User %1 logged on to %2 mailbox, and is not the primary Windows NT account on this mailbox.',
    source: 'MS KB Q173692 (https://jeffpar.github.io/kbarchive/kb/173/Q173692/), example "NT User DOMAIN\\username logged on to John Doe mailbox, …"',
    numbering: 'reading-order',
  },
  {
    providers: ['MSExchangeIS Private'],
    eventId: 1023,
    template: '%1 was validated as %2 but was unable to log on to %3.',
    source: 'MS KB Q259578 (https://jeffpar.github.io/kbarchive/kb/259/Q259578/), example with an account and two DNs',
    numbering: 'reading-order',
  },
  {
    providers: ['MSExchangeES'],
    eventId: 11,
    template: 'A fatal error (%1) occurred in an IExchangeEventSink while processing message [Subject = "%2"].',
    source: 'MS KB Q259578 (https://jeffpar.github.io/kbarchive/kb/259/Q259578/), example with 0x8004011d and a subject',
    numbering: 'reading-order',
  },
  {
    providers: ['MSExchangeDS'],
    eventId: 1282,
    template: 'Error encountered in getting hostname.',
    source: 'MS KB Q185027 (https://jeffpar.github.io/kbarchive/kb/185/Q185027/), quoted in full (no variable part)',
    numbering: 'derived',
  },
  {
    providers: ['MSExchange NNTP'],
    eventId: 12000,
    template: 'Error %1 occurred while processing message %2.',
    source: 'MS KB Q177778 (https://jeffpar.github.io/kbarchive/kb/177/Q177778/), example "Error 80040C06-F2000312 occurred while processing message <>."',
    numbering: 'reading-order',
  },
  {
    providers: ['MSExchange NNTP'],
    eventId: 11201,
    template:
      'An unexpected error occurred while handling an NNTP protocol command. Error %1 was returned by procedure %2 while executing procedure %3.',
    source: 'MS KB Q177778 (https://jeffpar.github.io/kbarchive/kb/177/Q177778/), example with 0x80040c06, EcWriteStream, NNTPCON::EcReadArticle',
    numbering: 'reading-order',
  },
  {
    providers: ['MSExchangeIMC'],
    eventId: 4007,
    template: 'The following error occurred while trying to bind the TCP/IP listener socket.%n%1',
    source: 'MS KB Q222553 (https://jeffpar.github.io/kbarchive/kb/222/Q222553/), example with the error (10048) on its own line',
    numbering: 'reading-order',
  },
  {
    providers: ['MSExchangeIMC'],
    eventId: 4020,
    template: 'Unable to start the service because WinSock could not be initialized.',
    source: 'MS KB Q222553 (https://jeffpar.github.io/kbarchive/kb/222/Q222553/), quoted in full (no variable part)',
    numbering: 'derived',
  },
  // Windows TCP/IP (classic "Tcpip" source, message file netevent.dll). Fixed texts: the events
  // carry no insertion string worth showing (the XP sample plaso_SysEvent.Evt logs 4226 with one
  // empty string).
  {
    providers: ['Tcpip'],
    eventId: 4226,
    template: 'TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.',
    source:
      'Windows XP SP2 wording as quoted from event logs by third parties (help.softwaretoolbox.com/faq/1098, ghacks.net); Server 2003 adds "(incomplete)" (Events and Errors Message Center text mirrored at intelligentsystemsmonitoring.com). No Microsoft page found: low confidence',
    numbering: 'derived',
  },
  {
    providers: ['Tcpip'],
    eventId: 4227,
    template:
      'TCP/IP failed to establish an outgoing connection because the selected local endpoint was recently used to connect to the same remote endpoint. This error typically occurs when outgoing connections are opened and closed at a high rate, causing all available local ports to be used and forcing TCP/IP to reuse a local port for an outgoing connection. To minimize the risk of data corruption, the TCP/IP standard requires a minimum time period to elapse between successive connections from a given local endpoint to a given remote endpoint.',
    source:
      'Microsoft "TCP/IP Network Connectivity" event list cc727709 (https://docs.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/cc727709(v=ws.10)); same MessageText for EVENT_TCPIP_TCP_TIME_WAIT_COLLISION (0x80001083) in the WDK netevent.h',
    numbering: 'derived',
  },
  {
    providers: ['Tcpip'],
    eventId: 4231,
    template: 'A request to allocate an ephemeral port number from the global TCP port space has failed due to all such ports being in use.',
    source:
      'Event text quoted from a Windows Server 2012 TechNet forum thread by borncity.com (https://borncity.com/win/2016/12/20/events-id-4231-and-4227-tcpip-no-internet-connection/); third-party quotation',
    numbering: 'derived',
  },
  /*
   * DCOM 10016 (provider Microsoft-Windows-DistributedCOM, EventSourceName DCOM). Its EventData is
   * param1…param11; a public export shows the values (machine-default, Local, Activation, CLSID,
   * APPID, NT AUTHORITY, LOCAL SERVICE, S-1-5-19, …) beside the text Event Viewer rendered from them
   * ("The machine-default permission settings do not grant Local Activation permission for the COM
   * Server application with CLSID / {C2F03A33-…} / and APPID / {316CDED5-…} / to the user NT
   * AUTHORITY\LOCAL SERVICE SID (S-1-5-19) from address LocalHost (Using LRPC) running in the
   * application container Unavailable SID (Unavailable). This security permission can be modified
   * using the Component Services administrative tool."), which fixes the numbering. The GUIDs stand
   * on lines of their own in every rendering; the spaces around those breaks are not visible in the
   * sources (KB patterns collapse whitespace).
   */
  {
    providers: ['Microsoft-Windows-DistributedCOM', 'DCOM'],
    eventId: 10016,
    template:
      'The %1 permission settings do not grant %2 %3 permission for the COM Server application with CLSID %n%4%n and APPID %n%5%n to the user %6\\%7 SID (%8) from address %9 running in the application container %10 SID (%11). This security permission can be modified using the Component Services administrative tool.',
    source:
      'Event XML with param1–param11 and its rendering (gist.github.com/daslicht/6eec920d85dde46ae2387defe15a7880; pastebin.com/9q0Em0fY, pastebin.com/wJ7G34bj); event described in MS KB 4022522 (https://learn.microsoft.com/en-us/troubleshoot/windows-client/application-management/event-10016-logged-when-accessing-dcom)',
    numbering: 'derived',
  },
];

/*
 * Left out (no verbatim wording with identifiable inserts in the sources behind KB-FACTS):
 *   MSExchangeMTA 9322 — Q228901 paraphrases it ("mta bind back over rpc has failed locatility
 *   table 108 …"), not a quotation.
 *   MSExchangeMTA 9301 — Q189345 quotes it, but with three values and a diagnostic trailer whose
 *   severity differs from the socket family ("(10)"), so its insert numbering is a guess.
 *   MSExchangeIS 3027 — the quoted example is a multi-line layout whose inserts cannot be told
 *   from its labels.
 *   MSExchangeDS 1349 — the example's "(Server Name)" placeholders hide which parentheses are text.
 *   MSExchange Pop3/NNTP/IMAP4 Interface 11506/11508 — two sources log 11506 with different
 *   protocol names, so the protocol may be an insert: numbering unknown.
 * Not done yet (their references have not been read for the exact wording; the KB-FACTS regexes
 * are the researcher's own words, not event text): MSExchangeSA 9040, MSExchangePOP3 1009,
 * MSExchangeTransport 4006, SMTPSVC 4000, ESE 455, MSExchangeApplicationLogic 3018, DCOM 10009,
 * Schannel 36874/36887/36888, NETLOGON 5719, GroupPolicy 1055/1129, W32Time/Time-Service 36, 29,
 * 47, 17, 48, 134, DNS 4013, TermDD 50/56, Srv 2000/2012, Rdr 3031, LPR 2004, Browser 8021/8032,
 * User Profiles Service 1530, Winlogon 6000–6004, Perflib 1008, WMI 10, TN3270 902, SNA 38/92.
 * (Service Control Manager 7031/7034/7036 are not in the KB table.)
 */

/** Lower-case provider → event ID → template. */
let index: Map<string, Map<number, string>> | undefined;
/** The same, keyed by the provider name exactly as callers spell it (saves lower-casing per event). */
const bySpelling = new Map<string, Map<number, string> | null>();

function buildIndex(): Map<string, Map<number, string>> {
  const map = new Map<string, Map<number, string>>();
  for (const entry of TEMPLATES) {
    for (const provider of entry.providers) {
      const key = provider.toLowerCase();
      let ids = map.get(key);
      if (!ids) map.set(key, (ids = new Map()));
      ids.set(entry.eventId & 0xffff, entry.template);
    }
  }
  return map;
}

/** The shipped template for a provider's event (event ID low 16 bits), or undefined. */
export function builtinTemplate(provider: string, eventId: number): string | undefined {
  let ids = bySpelling.get(provider);
  if (ids === undefined) {
    index ??= buildIndex();
    ids = index.get(provider.toLowerCase()) ?? null;
    if (bySpelling.size >= 10_000) bySpelling.clear();
    bySpelling.set(provider, ids);
  }
  return ids === null ? undefined : ids.get(eventId & 0xffff);
}

/** Every shipped template, for listings and tests. */
export function builtinTemplates(): readonly BuiltinTemplate[] {
  return TEMPLATES;
}
