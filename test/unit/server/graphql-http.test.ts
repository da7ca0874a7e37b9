import { searchOf } from '../../../src/server/graphql-http';

describe('searchOf', () => {
  // What Apollo reads from it: the parameters URLSearchParams finds, the same as in a parsed URL's search.
  const params = (search: string) => [...new URLSearchParams(search)];
  test.each([
    '/graphql',
    '/graphql?',
    '/graphql?query=%7B%20apps%20%7B%20name%20%7D%20%7D',
    '/graphql?query={apps{name}}&operationName=A&variables=%7B%22id%22%3A%221%22%7D',
    '/graphql?query="quoted"<tag>',
    '/graphql?query=%E4%BD%A0&x=+plus+',
    '/graphql?a=1#fragment',
    '/graphql?a=1&a=2&=empty&flag',
  ])('%s gives the parameters a parsed URL gives', (target) => {
    const parsed = new URL(target, 'http://localhost').search;
    expect(params(searchOf(target))).toEqual(params(parsed));
    expect(searchOf(target) === '').toBe(parsed === '');
  });
});
