//! A throwaway PostgreSQL server for the ledger tests: a cluster made with `initdb` in a
//! temporary folder, listening only on a Unix socket in that folder, stopped (and the folder
//! removed) when the guard is dropped. Debian's `postgresql` package provides the binaries
//! (/usr/lib/postgresql/*/bin). initdb refuses to run as root, so as root the server runs as
//! the `postgres` user (made by the package) or else `nobody`, and the folder is given to it.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    run_as: Option<String>,
}

/// Where initdb and pg_ctl are: `FUELRECON_PG_BINDIR`, else Debian's newest version, else PATH.
fn bindir() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("FUELRECON_PG_BINDIR") {
        return Some(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Some(bin);
    }
    let found = Command::new("sh")
        .args(["-c", "command -v initdb"])
        .output()
        .ok()?;
    let path = String::from_utf8_lossy(&found.stdout).trim().to_string();
    Path::new(&path).parent().map(Path::to_path_buf)
}

fn uid_of(user: Option<&str>) -> Option<u32> {
    let mut id = Command::new("id");
    id.arg("-u");
    if let Some(user) = user {
        id.arg(user);
    }
    let out = id.output().ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

impl Cluster {
    /// Starts a server, or says why not and returns `None` (a failure instead when
    /// `FUELRECON_REQUIRE_EXTERNAL=1`, as in CI).
    pub fn start() -> Option<Cluster> {
        let required = std::env::var("FUELRECON_REQUIRE_EXTERNAL").is_ok_and(|v| v == "1");
        let Some(bin) = bindir().filter(|b| b.join("initdb").exists()) else {
            assert!(
                !required,
                "PostgreSQL (initdb) not found, and FUELRECON_REQUIRE_EXTERNAL=1: apt-get install postgresql"
            );
            println!("skipped: PostgreSQL is not installed (no initdb)");
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("fuelrecon-pg-")
            .tempdir()
            .expect("a temporary folder");
        let run_as = if uid_of(None) == Some(0) {
            let user = ["postgres", "nobody"]
                .into_iter()
                .find(|u| uid_of(Some(u)).is_some_and(|uid| uid != 0))
                .expect("a user other than root to run PostgreSQL as");
            let uid = uid_of(Some(user)).expect("its uid");
            std::os::unix::fs::chown(dir.path(), Some(uid), None).expect("the folder given to it");
            Some(user.to_string())
        } else {
            None
        };
        let cluster = Cluster { dir, bin, run_as };
        let data = cluster.dir.path().join("data");
        cluster.run(
            "initdb",
            &[
                "-D",
                &data.to_string_lossy(),
                "-U",
                "fuelrecon",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        let options = format!(
            "-c listen_addresses='' -c unix_socket_directories='{}' -c fsync=off",
            cluster.dir.path().display()
        );
        cluster.run(
            "pg_ctl",
            &[
                "-D",
                &data.to_string_lossy(),
                "-o",
                &options,
                "-l",
                &cluster.dir.path().join("log").to_string_lossy(),
                "-w",
                "start",
            ],
        );
        Some(cluster)
    }

    /// One of the server's programs, to run as its user.
    fn command(&self, program: &str) -> Command {
        let binary = self.bin.join(program);
        let mut command = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(binary);
                c
            }
            None => Command::new(binary),
        };
        command.current_dir(self.dir.path());
        command
    }

    /// Runs one of the server's programs; panics with its output when it fails.
    fn run(&self, program: &str, args: &[&str]) -> std::process::Output {
        let mut command = self.command(program);
        let output = command
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        if !output.status.success() {
            let log = std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default();
            panic!(
                "{program} failed: {}{}\n{log}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        output
    }

    /// A new, empty database on this server, as a `postgres://` URL over its socket.
    pub fn database(&self, name: &str) -> String {
        let mut admin = postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
            .expect("a connection to the test server");
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("a new database");
        self.url(name)
    }

    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://fuelrecon@/{database}?host={}",
            self.dir.path().display()
        )
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = self
            .command("pg_ctl")
            .args(["-D", &data.to_string_lossy(), "-m", "immediate", "stop"])
            .output();
    }
}
