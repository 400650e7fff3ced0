// A CommonJS consumer: require('authentik-events-mock'), two instances with separate state.
const { startMock } = require('authentik-events-mock');

(async () => {
  const [mock, other] = await Promise.all([startMock({ tokens: process.env.SMOKE_TOKEN }), startMock({ scenario: 'empty' })]);
  const [mine, theirs] = await Promise.all([mock.admin.state(), other.admin.state()]);
  if (mine.events.length !== 250 || theirs.events.length !== 0) throw new Error('two instances share state');
  await other.close();
  console.log(`ready ${mock.url}`);
  process.on('SIGTERM', () => void mock.close().then(() => process.exit(0)));
})();
