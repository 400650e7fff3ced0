import { ConfigError } from '../src/config/config';
import { assertPrismInstalled } from '../src/node/prism-installed';

describe('assertPrismInstalled (--full-spec without its optional peer)', () => {
  test('says in one line what to install, with the ranges package.json gives', () => {
    const missing = (name: string): string => {
      throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => assertPrismInstalled(missing)).toThrow(ConfigError);
    expect(() => assertPrismInstalled(missing)).toThrow(
      '--full-spec needs Prism, an optional peer dependency that is not installed: npm install -D @stoplight/prism-http@^5.12.0 @stoplight/prism-core@^5.8.0',
    );
  });

  test('passes when both packages resolve, as in this repository', () => {
    expect(() => assertPrismInstalled()).not.toThrow();
  });
});
