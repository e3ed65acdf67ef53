/**
 * The injection corpus the reliability suite pushes through every entry point that takes user
 * data. Each payload is what a request could carry: a string (query string, form field, JSON
 * string) or a value parsed from JSON (objects and arrays with string keys, never symbols or
 * class instances). Grouped by the attack it stands for; `payloads` is the flat, de-duplicated list.
 *
 * The table names are the ones `injection.test.ts` defines, so stacked queries aim at real tables.
 */

/** One payload and the family it belongs to (for the report). */
export interface Payload {
  readonly family: string;
  readonly value: unknown;
}

const TABLES = ['Users', 'Posts', 'Secrets', 'Notes', 'UserTags', 'users'];
const QUOTES = ["'", '"', '`', ''];

const quoteBreaking = [
  "'", '"', '`', "''", "'''", '"\'"', "')", "'))", "')))", '")', '`)', "' OR '1'='1", "' OR '1'='1' --", "' OR 1=1 --",
  "' OR 1=1 #", "' OR 1=1/*", '" OR "1"="1', '" OR 1=1 --', "admin'--", "admin' #", "admin'/*", "') OR ('a'='a", "')) OR (('a'='a",
  "' OR 'x'='x", "1' OR '1'='1", "1 OR 1=1", '1" OR "1"="1', "' OR ''='", "' OR 1 --", "' UNION SELECT * FROM \"Secrets\" --",
  "' UNION SELECT value, value, value FROM Secrets --", "' UNION ALL SELECT NULL, NULL --", "x' AND 1=(SELECT COUNT(*) FROM Secrets) --",
  "' AND SLEEP(3) --", "'; SELECT pg_sleep(3) --", "' || pg_sleep(3) || '", "' AND (SELECT 1 FROM (SELECT SLEEP(3))x) --",
  "1 AND 1=CAST((SELECT value FROM Secrets LIMIT 1) AS INT)", "' HAVING 1=1 --", "' GROUP BY name HAVING 1=1 --", "' ORDER BY 1 --",
  "name' ASC, (SELECT 1) --", "'||(SELECT value FROM Secrets)||'", "'+(SELECT value FROM Secrets)+'", "' COLLATE utf8mb4_bin --",
  "1' AND extractvalue(1, concat(0x7e, (SELECT value FROM Secrets))) --", "' AND 1=CONVERT(int, (SELECT TOP 1 value FROM Secrets)) --",
];

const comments = [
  '--', '-- ', '/*', '*/', '/**/', '#', '-- -', ';--', ';#', '/*!50000 OR 1=1*/', "'/**/OR/**/1=1/**/--", 'name/**/DESC',
  'name --', 'name #', 'name /*', "*/ OR 1=1 /*", '--\n', "x'--\nOR 1=1", '/* unterminated', "'; /*", '$$', '$tag$', "$$'; DROP TABLE Users; --$$",
];

const stacked: string[] = [];
for (const table of TABLES) {
  for (const q of QUOTES) {
    const name = q === '' ? table : `${q}${table}${q}`;
    stacked.push(`'; DROP TABLE ${name}; --`);
    stacked.push(`1; DELETE FROM ${name}`);
  }
  stacked.push(`'; UPDATE "${table}" SET "role" = 'admin'; --`);
  stacked.push(`'); INSERT INTO "${table}" DEFAULT VALUES; --`);
  stacked.push(`"; TRUNCATE ${table}; --`);
}
stacked.push(
  "'; CREATE TABLE pwned (x INT); --", '; CREATE TABLE pwned (x INT)', "'; ALTER TABLE Users ADD COLUMN pwned INT; --",
  "'; GRANT ALL ON *.* TO 'x'@'%'; --", "'; SHUTDOWN; --", "'; COPY (SELECT 1) TO PROGRAM 'touch /tmp/pwned'; --",
  "'; ATTACH DATABASE '/tmp/pwned.db' AS pwned; --", "'; PRAGMA writable_schema = ON; --", "'; SET GLOBAL sql_mode = ''; --",
  "'; LOAD DATA INFILE '/etc/passwd' INTO TABLE Notes; --", "'; SELECT * INTO OUTFILE '/tmp/pwned' FROM Secrets; --",
);

const unicode = [
  'ʼ OR 1=1 --', '＇ OR 1=1 --', '\u2019 OR 1=1 --', '\u02BC OR 1=1', '＂ OR ＂1＂=＂1', '%27 OR 1=1 --', '%2527', '&#39; OR 1=1',
  '\\x27 OR 1=1', '\\u0027 OR 1=1', "\u0000' OR 1=1 --", 'nul\u0000byte', '\u0000', '¿\' OR 1=1 --', '\u00bf\u0027', '\u202e\' OR 1=1 --',
  'zero\u200bwidth', '\ufeffname', 'e\u0301', '😀\' OR 1=1 --', '𝓪𝓭𝓶𝓲𝓷', '\ud800', '\udfff\'', 'Ａｄｍｉｎ', 'ﬁ', 'İ', 'ß', 'ǅ',
  '\u0085 OR 1=1', '\u2028\' OR 1=1', '\r\n\' OR 1=1', '\t\' OR 1=1', '\u001a\' OR 1=1', '\u00a0\' OR 1=1', '＼＇ OR 1=1',
];

const backslashes = [
  '\\', '\\\\', "\\'", "\\\\'", "\\\\\\'", "\\' OR 1=1 -- ", "\\\\' OR 1=1 #", '\\"', '\\" OR 1=1 -- ', '\\0', '\\b', '\\n', '\\r', '\\t',
  '\\Z', '\\%', '\\_', 'abc\\', "abc\\' --", "\\\\\\\\'--", "\\'; DROP TABLE Users; --", "%\\' OR 1=1 #", "\\x00\\'", '\\`', "\\\\`",
];

const jsonPaths = [
  '$.a', '$[0]', '$.a.b', 'meta.a', 'meta.a.b', "meta->>'a'", "meta->'$.a'", '$."a\' OR 1=1 --"', "'$.a') OR 1=1 --", 'a.b.c',
  '$**.x', "meta#>>'{a}'", 'meta::text', "meta @> '{}'", '$.__proto__', 'meta.__proto__.polluted', "JSON_EXTRACT(meta, '$.a')",
  "json_extract(meta, '$') OR 1=1", '$[*]', '$.a[0]', "meta->'a'->>'b'", 'meta[0]',
];

const numericStrings = [
  '0', '1', '2', '-1', '1.5', '1e3', '0x10', '10; DROP TABLE Users', '1 OR 1=1', ' 1', '1 ', '18446744073709551616', '9999999999999999999999',
  'NaN', 'Infinity', '-Infinity', '1,2', '1/*', '00001', '+1', '٣', '１', '1--', '1 UNION SELECT 1', '0 LIMIT 100', '1)', '1e-3', '0b1',
];

const paths = [
  '$posts.title$', '$author.name$', '$User.name$', '$Secret.value$', '$Secrets.value$', '$posts.title$ OR 1=1', '$a$', '$posts.title',
  'posts.title$', '$posts.userId$', '$tags.name$', '$tags.UserTags.userId$', '$posts.author.name$', '$__proto__.x$', '$constructor.name$',
  '$posts.title; DROP TABLE Users$', 'posts.title', 'User.name', 'Secret.value', 'name.name',
];

const prototypeNames = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

/** Values a JSON body can carry: operator smuggling, lookalikes of relata's own objects, prototype keys. */
const jsonValues: string[] = [
  '{"$gt": ""}', '{"$ne": null}', '{"$or": [{"name": "alice"}, {"name": "bob"}]}', '{"$like": "%"}', '{"$in": ["alice"]}',
  '{"[Op.or]": [{"name": "alice"}]}', '{"Symbol(or)": [{"name": "alice"}]}', '{"or": [1]}', '{"$raw": "1=1"}', '{"$literal": "1=1"}',
  '{"val": "1=1"}', '{"fn": "pg_sleep", "args": [3]}', '{"col": "value"}', '{"attribute": "name", "comparator": "=", "logic": "x"}',
  '{"dataValues": {"id": 1}, "isNewRecord": false}', '{"toSqlString": "1=1"}', '{"name": {"$gt": ""}}', '{"__proto__": {"role": "admin"}}',
  '{"constructor": {"prototype": {"polluted": true}}}', '{"$and": {"$or": [1]}}', '{"": ""}', '{"name": 1}', '{"id": 1}',
  '[1, 2, 3]', '["alice", "bob"]', '[["alice"]]', '[{"name": "alice"}]', '[]', '{}', 'true', 'false', 'null', '1', '-1', '1e400',
  '"alice"', '{"$gt": {"$gt": 1}}', '{"where": "1=1"}', '{"name": ["alice"]}', '{"__proto__": {"__proto__": {"x": 1}}}',
];

function tagged(family: string, values: readonly unknown[]): Payload[] {
  return values.map((value) => ({ family, value }));
}

const all: Payload[] = [
  ...tagged('quote breaking', quoteBreaking),
  ...tagged('comment injection', comments),
  ...tagged('stacked queries', stacked),
  ...tagged('unicode and escapes', unicode),
  ...tagged('backslashes (MySQL rules)', backslashes),
  ...tagged('JSON paths', jsonPaths),
  ...tagged('numeric strings', numericStrings),
  ...tagged('$nested.column$', paths),
  ...tagged('prototype keys', prototypeNames),
  ...tagged('JSON input (operators, lookalikes, prototype keys)', jsonValues.map((text) => JSON.parse(text) as unknown)),
];

function identity(payload: Payload): string {
  return `${typeof payload.value}:${JSON.stringify(payload.value)}`;
}

/** Every payload once. */
export const payloads: readonly Payload[] = all.filter((p, i) => all.findIndex((q) => identity(q) === identity(p)) === i);
