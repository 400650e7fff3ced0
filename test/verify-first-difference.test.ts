import { firstDifference } from '../src/verify/first-difference';

// Where two bodies first part: what verify's report names for a body difference (issue 19).
describe('firstDifference', () => {
  it('is undefined only for the same text', () => {
    expect(firstDifference('{"a":1}', '{"a":1}')).toBeUndefined();
    expect(firstDifference('{"a":1}', '{"a": 1}')).toEqual({ path: '', what: 'text', target: '{"a":1}', mock: '{"a": 1}' });
  });

  it('tells number literals, key order, a key on one side only, lengths, types and order apart, at a JSON pointer', () => {
    expect(firstDifference('{"n":[1,{"x":1.0}]}', '{"n":[1,{"x":1}]}')).toEqual({ path: '/n/1/x', what: 'number literal', target: '1.0', mock: '1' });
    expect(firstDifference('{"a":1,"b":2}', '{"b":2,"a":1}')).toEqual({ path: '', what: 'key order', target: 'a,b', mock: 'b,a' });
    expect(firstDifference('{"a":1,"b":2}', '{"a":1,"c":2}')).toEqual({ path: '/b', what: 'key', target: '2', mock: '(absent)' });
    expect(firstDifference('{"r":[1,2]}', '{"r":[1,2,3]}')).toEqual({ path: '/r/2', what: 'length', target: '(absent)', mock: '3' });
    expect(firstDifference('{"uid":null}', '{"uid":"x"}')).toEqual({ path: '/uid', what: 'type', target: 'null', mock: '"x"' });
    expect(firstDifference('[{"k":1},{"k":2}]', '[{"k":2},{"k":1}]')).toEqual({ path: '', what: 'order', target: '[{"k":1},{"k":2}]', mock: '[{"k":2},{"k":1}]' });
    expect(firstDifference('{"a/b":{"~":"x"}}', '{"a/b":{"~":"y"}}')).toEqual({ path: '/a~1b/~0', what: 'value', target: '"x"', mock: '"y"' });
  });

  it('compares a body that is not JSON as text', () => {
    expect(firstDifference('<html>a</html>', '<html>b</html>')).toEqual({ path: '', what: 'text', target: '<html>a</html>', mock: '<html>b</html>' });
  });
});
