/**
 * The founding case: MSExchangeMTA 9221, "sockets error 10054 on a WSARecvEx() call", which
 * Microsoft KB Q169143 calls harmless connection-reset noise. Its rule's id, for the code and
 * tests that single it out.
 */
export const FOUNDING_RULE_ID = 'exchange-mta-9221-connection-reset';
