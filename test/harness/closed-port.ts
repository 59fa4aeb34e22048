/**
 * A loopback port nothing listens on, for tests of an upstream that cannot be reached: 2, outside the range the OS
 * hands out for port 0 (where every test's server listens), and not one that fetch refuses to dial (9 is: "bad port").
 * A port bound and released by the test could be handed to a server another test file starts meanwhile, and once was
 * (that server answered a conformance run's sign-in with a 401 instead of the refused connection expected).
 */
export const CLOSED_LOOPBACK_PORT = 2;
