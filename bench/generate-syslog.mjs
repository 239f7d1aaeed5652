// A seeded generator of RFC 3164 lines shaped like a real Debian /var/log/syslog collected from a
// few servers: several hosts, daemons with pids, the kernel without one, and about 2 % errors and
// 3 % warnings. Problems are written the way daemons write them ("error: …", "warning: …") and
// other lines avoid level words, so that Logsift and lnav agree on which lines are errors and the
// side-by-side filtered count compares the same work.

const HOSTS = ['web01', 'web02', 'app01', 'app02', 'app03', 'db01', 'mail01', 'fw01'];
const USERS = ['root', 'deploy', 'backup', 'alice', 'bob', 'nagios', 'www-data'];
const SERVICES = ['apt-daily.service', 'logrotate.service', 'man-db.service', 'sysstat-collect.service', 'fstrim.service', 'certbot.service'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HEX = '0123456789ABCDEF';

const pick = (rand, items) => items[Math.floor(rand() * items.length)];
const int = (rand, from, to) => from + Math.floor(rand() * (to - from + 1));
const ip = (rand) => `10.${int(rand, 0, 20)}.${int(rand, 0, 255)}.${int(rand, 1, 254)}`;
const port = (rand) => int(rand, 1024, 65535);
const queueId = (rand) => Array.from({ length: 10 }, () => HEX[Math.floor(rand() * 16)]).join('');
const pad = (n) => String(n).padStart(2, '0');

/**
 * Message templates: [weight, program, pid kind, message]. Pid kinds: 'session' (a new pid per
 * connection, like sshd's children), 'daemon' (one pid per host), 'none' (the kernel), 'init' (1).
 */
const TEMPLATES = [
  [12, 'sshd', 'session', (r) => `Accepted publickey for ${pick(r, USERS)} from ${ip(r)} port ${port(r)} ssh2: RSA SHA256:${queueId(r)}${queueId(r)}`],
  [12, 'sshd', 'session', (r) => `pam_unix(sshd:session): session opened for user ${pick(r, USERS)}(uid=${int(r, 0, 1005)}) by (uid=0)`],
  [10, 'sshd', 'session', (r) => `pam_unix(sshd:session): session closed for user ${pick(r, USERS)}`],
  [8, 'sshd', 'session', (r) => `Received disconnect from ${ip(r)} port ${port(r)}:11: disconnected by user`],
  [10, 'CRON', 'session', (r) => `(${pick(r, USERS)}) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)`],
  [6, 'CRON', 'session', () => 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)'],
  [8, 'systemd', 'init', (r) => `Started Session ${int(r, 1, 99999)} of User ${pick(r, USERS)}.`],
  [5, 'systemd', 'init', (r) => `Starting ${pick(r, SERVICES).replace('.service', '')} activities...`],
  [5, 'systemd', 'init', (r) => `${pick(r, SERVICES)}: Deactivated successfully.`],
  [4, 'systemd-logind', 'daemon', (r) => `New session ${int(r, 1, 99999)} of user ${pick(r, USERS)}.`],
  [
    9,
    'kernel',
    'none',
    (r) =>
      `[${int(r, 1000, 999999)}.${String(int(r, 0, 999999)).padStart(6, '0')}] [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56 SRC=${ip(r)} DST=${ip(r)} LEN=40 TOS=0x00 PREC=0x00 TTL=${int(r, 30, 250)} ID=${int(r, 1, 65535)} PROTO=TCP SPT=${port(r)} DPT=${pick(r, [22, 23, 445, 3389, 8080])} WINDOW=1024 RES=0x00 SYN URGP=0`,
  ],
  [7, 'postfix/smtpd', 'session', (r) => `connect from unknown[${ip(r)}]`],
  [6, 'postfix/smtpd', 'session', (r) => `disconnect from unknown[${ip(r)}] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5`],
  [6, 'postfix/qmgr', 'daemon', (r) => `${queueId(r)}: from=<${pick(r, USERS)}@example.org>, size=${int(r, 800, 90000)}, nrcpt=1 (queue active)`],
  [6, 'postfix/smtp', 'session', (r) => `${queueId(r)}: to=<${pick(r, USERS)}@example.com>, relay=mx.example.com[${ip(r)}]:25, delay=${int(r, 0, 9)}.${int(r, 1, 9)}, status=sent (250 2.0.0 Ok: queued)`],
  [4, 'dhclient', 'daemon', (r) => `DHCPREQUEST for ${ip(r)} on eth0 to ${ip(r)} port 67`],
  [3, 'dhclient', 'daemon', (r) => `bound to ${ip(r)} -- renewal in ${int(r, 600, 43200)} seconds.`],
  [3, 'snapd', 'daemon', () => 'autorefresh.go:540: auto-refresh: all snaps are up-to-date'],
  [2, 'rsyslogd', 'daemon', () => '[origin software="rsyslogd" swVersion="8.2302.0" x-pid="612" x-info="https://www.rsyslog.com"] rsyslogd was HUPed'],
];

/** About 2 % of lines: each an error as the daemon writes it. */
const ERRORS = [
  ['sshd', 'session', (r) => `error: kex_exchange_identification: Connection closed by remote host [preauth] ${ip(r)}`],
  ['sshd', 'session', (r) => `error: maximum authentication attempts exceeded for root from ${ip(r)} port ${port(r)} ssh2 [preauth]`],
  ['postfix/smtp', 'session', (r) => `error: connect to mx.example.com[${ip(r)}]:25: Connection timed out`],
];

/** About 3 % of lines. */
const WARNINGS = [
  ['postfix/smtpd', 'session', (r) => `warning: hostname host-${int(r, 1, 999)}.example.net does not resolve to address ${ip(r)}: Name or service not known`],
  ['dhclient', 'daemon', (r) => `warning: lease for ${ip(r)} expires in ${int(r, 10, 300)} seconds`],
];

const TOTAL_WEIGHT = TEMPLATES.reduce((sum, [weight]) => sum + weight, 0);

function pidOf(kind, rand, hostIndex, programIndex) {
  if (kind === 'none') return '';
  if (kind === 'init') return '[1]';
  if (kind === 'daemon') return `[${400 + hostIndex * 37 + programIndex * 11}]`;
  return `[${int(rand, 2000, 4_190_000)}]`;
}

/** One line (with its newline) for entry number `_i` at time `t` (ms since the epoch). */
export function rfc3164SyslogLine(rand, _i, t) {
  const d = new Date(t);
  const stamp = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const hostIndex = Math.floor(rand() * HOSTS.length);
  const roll = rand();
  let program;
  let pidKind;
  let message;
  if (roll < 0.02) [program, pidKind, message] = pick(rand, ERRORS);
  else if (roll < 0.05) [program, pidKind, message] = pick(rand, WARNINGS);
  else {
    let left = rand() * TOTAL_WEIGHT;
    const template = TEMPLATES.find(([weight]) => (left -= weight) < 0) ?? TEMPLATES[0];
    [, program, pidKind, message] = template;
  }
  const pid = pidOf(pidKind, rand, hostIndex, program.length);
  return `${stamp} ${HOSTS[hostIndex]} ${program}${pid}: ${message(rand)}\n`;
}
