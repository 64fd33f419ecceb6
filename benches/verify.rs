//! In-process verification throughput through the library API, with use recording on:
//! the CLI's way (one write transaction per verify), then the server's (read-only lookups,
//! uses batched in memory). Prints figures; never fails on time.
//!
//! Run: `cargo bench --bench verify` (or `scripts/bench`, which runs it too).

use std::time::Instant;

use apikey_core::secret;
use apikey_core::store::{Access, NewKeyRow, Store};
use apikey_core::verify::{self, VerifyRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let keys: usize = std::env::var("BENCH_KEYS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let verifies: usize = std::env::var("BENCH_VERIFIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("bench.db"), Access::Create)?;

    let started = Instant::now();
    let secrets = store.write(|tx| {
        let client = tx.insert_client("bench", "")?;
        let mut secrets = Vec::with_capacity(keys);
        for _ in 0..keys {
            let key = secret::generate("ak")?;
            tx.insert_key(
                &client,
                &NewKeyRow {
                    id: secret::generate_id()?,
                    sha256: key.sha256,
                    prefix: key.prefix,
                    hint: key.hint,
                    ..NewKeyRow::default()
                },
            )?;
            secrets.push(key.secret.expose().to_owned());
        }
        Ok(secrets)
    })?;
    let seeded = started.elapsed();

    let request = VerifyRequest::default();
    let started = Instant::now();
    let mut valid = 0;
    for i in 0..verifies {
        let verdict = verify::verify(&mut store, &secrets[i % secrets.len()], &request)?;
        valid += usize::from(verdict.valid);
    }
    let elapsed = started.elapsed();
    assert_eq!(valid, verifies, "every verify should be VALID");

    // The server's way: a read-only lookup and a pure decision per verify, uses summed
    // in memory and flushed in one transaction every 64 (verify::UsageBatch).
    let batch_size = 64;
    let mut batch = verify::UsageBatch::default();
    let started = Instant::now();
    let mut batched = 0;
    for i in 0..verifies {
        let found = store.read(|tx| verify::lookup(tx, &secrets[i % secrets.len()]))?;
        let now = apikey_core::time::now();
        let verdict = verify::record(
            verify::decide(&found, &request, now),
            &found,
            &mut batch,
            now,
        )?;
        batched += usize::from(verdict.valid);
        if batch.len() >= batch_size {
            batch.flush(&mut store)?;
        }
    }
    batch.flush(&mut store)?;
    let batched_elapsed = started.elapsed();
    assert_eq!(batched, verifies, "every batched verify should be VALID");

    println!("in-process verify (use recording on), single thread, {keys} keys in store");
    println!(
        "  {verifies} verifies in {:.2} s = {:.0} verifies/s ({:.1} µs each)",
        elapsed.as_secs_f64(),
        verifies as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e6 / verifies as f64
    );
    println!(
        "  read-only lookup, uses flushed every {batch_size}: {:.0} verifies/s ({:.1} µs each)",
        verifies as f64 / batched_elapsed.as_secs_f64(),
        batched_elapsed.as_secs_f64() * 1e6 / verifies as f64
    );
    println!(
        "  (seeding {keys} keys through the library: {:.0} keys/s)",
        keys as f64 / seeded.as_secs_f64()
    );
    Ok(())
}
