// Run by NodePostgresIT: node-pg over TLS with the admin token as password.
const { Client } = require('pg');

async function main() {
  const client = new Client({
    host: '127.0.0.1',
    port: Number(process.env.PGPORT),
    user: process.env.PGUSER,
    password: process.env.PGPASSWORD,
    database: 'postgres',
    ssl: { rejectUnauthorized: false },
  });
  await client.connect();
  await client.query('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
  await client.query('BEGIN');
  await client.query('INSERT INTO notes (id, body) VALUES ($1, $2), ($3, $4)', [1, 'hello', 2, 'world']);
  await client.query('COMMIT');
  const r = await client.query('SELECT id, body FROM notes WHERE id >= $1 ORDER BY id', [1]);
  console.log('rows=' + r.rows.map((x) => x.id + ':' + x.body).join(','));
  await client.query('BEGIN');
  await client.query('UPDATE notes SET body = $1 WHERE id = $2', ['changed', 1]);
  await client.query('ROLLBACK');
  const n = await client.query('SELECT count(*)::int AS n, max(body) AS m FROM notes');
  console.log('count=' + n.rows[0].n + ' max=' + n.rows[0].m);
  const v = await client.query('SELECT $1::numeric + 1 AS x, now() IS NOT NULL AS t', ['41.5']);
  console.log('x=' + v.rows[0].x + ' t=' + v.rows[0].t);
  await client.end();
}

main().catch((e) => {
  console.error('failed ' + (e.code || '') + ' ' + e.message);
  process.exit(1);
});
