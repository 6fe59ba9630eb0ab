/** Runs one administrative SQL statement (CREATE/DROP DATABASE) on a PostgreSQL server. */
import pg from "pg";

export async function pgAdmin(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
