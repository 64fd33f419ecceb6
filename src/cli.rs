//! Every clap definition. The `///` comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;

use crate::complete;

use apikey_core::model::KeyStatus;
use apikey_core::ops::keys::KeyInput;
use apikey_core::provision::Syntax;

pub use crate::output::Format;

/// Manage API clients and their API keys in a local SQLite store.
#[derive(Debug, Parser)]
#[command(
    name = "apikey",
    version,
    propagate_version = true,
    help_template = HELP_TEMPLATE,
    after_help = "Examples:
  apikey client add bpjs-sync --description \"BPJS data sync\"
  apikey key list --client bpjs-sync
  echo \"$KEY\" | apikey key verify
  apikey --json client list | jq '.[].name'"
)]
pub struct Cli {
    /// Options that every subcommand accepts.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The top-level help, with commands grouped by resource. A test checks that every
/// subcommand is listed here.
const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
{usage-heading} {usage}

Resources:
  client       Register and manage clients (the applications that call the API)
  key          Issue, list, revoke, rotate, verify and import API keys
  permission   Define permissions (resource:action)
  role         Group permissions into roles held by clients and users
  user         Manage operators who log in with email and password

Provisioning:
  apply        Make the store match a declarative file
  diff         Show drift between a declarative file and the store
  export       Write the store's state in the format 'apply' reads
  scan         Find leaked keys in files and say which are live

Store:
  init         Create the store (if missing) and print its path
  audit        List the audit log, or check that it was not tampered with
  backup       Copy the live store to a new file
  restore      Replace the store with a backup
  store        Move a whole store between SQLite and PostgreSQL

Server:
  serve        Serve verification over HTTP (forward auth, verify APIs, read API)

Shell:
  completions  Print a shell completion script
  config       Show the effective settings and where they come from
  man          Print or install the man pages
  help         Print this message or the help of the given subcommand(s)

Options:
{options}{after-help}";

/// Options that every subcommand accepts; each `-h` lists them under their own heading,
/// after the subcommand's own options.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Store: an SQLite file, or a postgres:// URL [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]
    #[arg(
        long,
        global = true,
        env = "APIKEY_DB",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,

    /// Print JSON for scripts (same as --format json)
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,

    /// Output format: table for people, json for scripts, csv for lists
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Print only what scripts need on stdout: a new key's secret, or lists
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    /// Tables: show every column at full width (no fitting to the terminal)
    #[arg(long, global = true)]
    pub wide: bool,

    /// Tables and CSV: leave out the header row
    #[arg(long, global = true)]
    pub no_headers: bool,

    /// Lists: at most N rows (audit: the most recent N events)
    #[arg(long, global = true, value_name = "N")]
    pub limit: Option<u64>,

    /// Lists: sort by this field (a JSON field name, e.g. created_at), ascending
    #[arg(long, global = true, value_name = "FIELD")]
    pub sort: Option<String>,

    /// Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]
    #[arg(long, global = true, value_name = "NAME")]
    pub actor: Option<String>,
}

/// The syntax of a provisioning file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    /// JSON.
    Json,
    /// TOML.
    Toml,
}

impl From<FileFormat> for Syntax {
    fn from(format: FileFormat) -> Syntax {
        match format {
            FileFormat::Json => Syntax::Json,
            FileFormat::Toml => Syntax::Toml,
        }
    }
}

impl KeyOptions {
    /// The options as the core's unvalidated key settings.
    pub fn input(&self) -> KeyInput {
        KeyInput {
            label: self.label.clone(),
            prefix: self.prefix.clone(),
            expires_in: self.expires_in.clone(),
            expires_at: self.expires_at.clone(),
            max_uses: self.max_uses,
            allowed_ips: self.allow_ip.clone(),
            metadata: self.meta.clone(),
            rate_limit: self.rate_limit.clone(),
        }
    }
}

/// The top-level commands.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Create the store (if missing) and print its path
    #[command(after_help = "Examples:\n  apikey init\n  apikey --db ./dev.db init")]
    Init,
    /// Register and manage clients (the applications that call the API)
    #[command(
        subcommand,
        after_help = "Examples:\n  apikey client add bpjs-sync --description \"BPJS data sync\"\n  apikey client list --search bpjs"
    )]
    Client(ClientCommand),
    /// Issue, list, revoke, rotate, verify and import API keys
    #[command(
        subcommand,
        after_help = "Examples:\n  apikey key create --client bpjs-sync --expires-in 90d\n  echo \"$KEY\" | apikey key verify --permission bpjs:read"
    )]
    Key(KeyCommand),
    /// Define permissions (resource:action)
    #[command(
        subcommand,
        after_help = "Examples:\n  apikey permission add bpjs:read --description \"Read BPJS data\"\n  apikey permission list"
    )]
    Permission(PermissionCommand),
    /// Group permissions into roles held by clients and users
    #[command(
        subcommand,
        after_help = "Examples:\n  apikey role add integration --permission bpjs:read\n  apikey role grant integration 'users:*'"
    )]
    Role(RoleCommand),
    /// Manage operators who log in with email and password
    #[command(
        subcommand,
        after_help = "Examples:\n  apikey user add admin@example.org --role admin\n  apikey user list"
    )]
    User(UserCommand),
    /// List the audit log, or check that it was not tampered with
    Audit(AuditArgs),
    /// Make the store match a declarative file (permissions, roles, clients, keys, users)
    #[command(
        after_help = "New keys' secrets are printed once, as JSON (or written to --secrets-out).

Examples:
  apikey apply access.toml --dry-run
  apikey --json apply access.toml --secrets-out secrets.json
  apikey apply access.toml --prune --yes"
    )]
    Apply {
        /// The file: .json or .toml, or - for standard input
        file: PathBuf,
        /// Print the plan without changing the store
        #[arg(long)]
        dry_run: bool,
        /// Also remove what the file does not name (revokes surplus keys)
        #[arg(long)]
        prune: bool,
        /// With --prune, accept a file that declares nothing (removes everything)
        #[arg(long, requires = "prune")]
        allow_empty: bool,
        /// Write new secrets to this new owner-only file instead of standard output
        #[arg(long, value_name = "FILE")]
        secrets_out: Option<PathBuf>,
        /// The file's syntax [default: from the extension, else guessed]
        #[arg(long, value_enum, value_name = "SYNTAX")]
        file_format: Option<FileFormat>,
        /// Do not ask before pruning (required without a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Show drift between a declarative file and the store, both ways
    #[command(after_help = "Examples:
  apikey diff access.toml
  apikey diff access.toml --exit-code   # exit 1 when there is drift (for CI)")]
    Diff {
        /// The file: .json or .toml, or - for standard input
        file: PathBuf,
        /// Exit 1 when there is drift, as 'git diff --exit-code'
        #[arg(long)]
        exit_code: bool,
        /// The file's syntax [default: from the extension, else guessed]
        #[arg(long, value_enum, value_name = "SYNTAX")]
        file_format: Option<FileFormat>,
    },
    /// Write the store's state in the format 'apply' reads (no secrets, no hashes)
    #[command(after_help = "Examples:
  apikey export access.toml
  apikey export access.toml --force   # replace the previous export
  apikey export > access.json")]
    Export {
        /// Where to write [default: standard output]. A new file: an existing one is
        /// replaced only with --force; the store's own files and links never are
        file: Option<PathBuf>,
        /// Replace FILE if it exists (it is replaced whole, never half-written)
        #[arg(long)]
        force: bool,
        /// Syntax to write [default: from the extension, else JSON]
        #[arg(long, value_enum, value_name = "SYNTAX")]
        file_format: Option<FileFormat>,
    },
    /// Copy the live store to a new file (safe while other processes write)
    #[command(after_help = "Example:\n  apikey backup /var/backups/apikey-$(date +%F).db")]
    Backup {
        /// The new backup file
        file: PathBuf,
    },
    /// Replace the store with a backup, after checking its integrity and version
    #[command(after_help = "Example:\n  apikey restore /var/backups/apikey-2026-11-01.db --yes")]
    Restore {
        /// The backup file
        file: PathBuf,
        /// Do not ask for confirmation (required without a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Move a whole store between SQLite and PostgreSQL
    #[command(
        subcommand,
        after_help = "Examples:\n  apikey store copy --from apikey.db --to postgres://apikey@db.internal/apikey\n  apikey store copy --from postgres://apikey@db.internal/apikey --to copy.db"
    )]
    Store(StoreCommand),
    /// Find leaked keys in files and say which are live in this store
    #[command(
        after_help = "Exit 5 when a live key is found; else exit 1 when a file could not be
scanned (unreadable, a special file, under /proc or /sys, or over 64 MiB).
.gitignore files apply inside git repositories only; symbolic links are not followed.

Examples:
  apikey scan .
  apikey scan src/ config/ --revoke --yes"
    )]
    Scan {
        /// Files and directories to search
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Honour .gitignore and .ignore files also outside git repositories
        #[arg(long)]
        respect_ignore: bool,
        /// Revoke the live keys found (asks for confirmation)
        #[arg(long)]
        revoke: bool,
        /// Do not ask for confirmation (required without a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Print a shell completion script
    #[command(after_help = "Examples:
  apikey completions bash > ~/.local/share/bash-completion/completions/apikey
  apikey completions zsh > ~/.zfunc/_apikey
  apikey completions fish > ~/.config/fish/completions/apikey.fish")]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Show the effective settings (db, format, actor) and where each comes from
    #[command(subcommand, after_help = "Example:\n  apikey config show")]
    Config(ConfigCommand),
    /// Print the man page, or write one per subcommand into a directory
    #[command(after_help = "Examples:
  apikey man | man -l -
  apikey man --out-dir ~/.local/share/man/man1")]
    Man {
        /// Write apikey.1 and one page per subcommand into this directory (new files:
        /// existing pages are refused without --force; links are never followed)
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// Replace existing pages in --out-dir
        #[arg(long, requires = "out_dir")]
        force: bool,
    },
    /// Serve verification over HTTP: forward auth for gateways, verify APIs, read API
    #[command(
        after_help = "Stops on SIGTERM or SIGINT after in-flight requests finish, writing pending uses.
The design, the endpoints and a systemd unit: docs/serve.md; the API: /doc and /openapi.json.

Examples:
  apikey serve
  apikey serve --listen 0.0.0.0:8080 --trusted-proxy 10.0.0.0/8 --log-format json
  apikey serve --route 'GET /bpjs/* bpjs:read' --route '* /bpjs/* bpjs:write'
  apikey serve --listen 127.0.0.1:8080 --open-verify   # loopback only: no caller key needed
  apikey serve --admin --insecure-cookies              # the web console on http://127.0.0.1:8080/console"
    )]
    Serve(ServeArgs),
}

/// `apikey config ...`
#[derive(Debug, Clone, Subcommand)]
pub enum ConfigCommand {
    /// Print each effective setting and its source: flag, environment, config file
    /// ($XDG_CONFIG_HOME/apikey/config.toml, or APIKEY_CONFIG) or default
    #[command(after_help = "Examples:
  apikey config show
  APIKEY_DB=/tmp/test.db apikey --json config show | jq .db")]
    Show,
}

/// `apikey client ...`
#[derive(Debug, Clone, Subcommand)]
pub enum ClientCommand {
    /// Add a client and issue its first API key (printed once)
    #[command(after_help = "Examples:
  apikey client add bpjs-sync --description \"BPJS data sync\"
  apikey client add reporting --no-key
  apikey client add bpjs-sync --role integration")]
    Add {
        /// Unique name: 1-64 letters, digits, '-', '_' or '.'
        name: String,
        /// What the client is
        #[arg(long, short = 'd', default_value = "")]
        description: String,
        /// Do not issue a first key
        #[arg(long)]
        no_key: bool,
        /// Give the client this role (repeatable)
        #[arg(long, short = 'r', value_name = "ROLE", add = ArgValueCandidates::new(complete::roles))]
        role: Vec<String>,
    },
    /// List clients
    #[command(
        visible_alias = "ls",
        after_help = "Examples:\n  apikey client list\n  apikey client list --search bpjs\n  apikey client list --format csv"
    )]
    List {
        /// Only clients whose name or description contains TEXT (case-insensitive)
        #[arg(long, short = 's', value_name = "TEXT")]
        search: Option<String>,
    },
    /// Show a client and its keys
    #[command(after_help = "Example:\n  apikey client show bpjs-sync")]
    Show {
        /// Client name
        #[arg(add = ArgValueCandidates::new(complete::clients))]
        name: String,
    },
    /// Change a client's description or name
    #[command(after_help = "Examples:
  apikey client update bpjs-sync --description \"BPJS claims sync\"
  apikey client update bpjs-sync --rename bpjs-claims")]
    Update {
        /// Client name
        #[arg(add = ArgValueCandidates::new(complete::clients))]
        name: String,
        /// New description
        #[arg(long, short = 'd')]
        description: Option<String>,
        /// New name
        #[arg(long, value_name = "NEW")]
        rename: Option<String>,
    },
    /// Disable a client: its keys answer DISABLED until it is enabled
    #[command(after_help = "Example:\n  apikey client disable bpjs-sync")]
    Disable {
        /// Client name
        #[arg(add = ArgValueCandidates::new(complete::clients))]
        name: String,
    },
    /// Enable a disabled client
    #[command(after_help = "Example:\n  apikey client enable bpjs-sync")]
    Enable {
        /// Client name
        #[arg(add = ArgValueCandidates::new(complete::clients))]
        name: String,
    },
    /// Give a client one or more roles; its keys act with them
    #[command(after_help = "Example:\n  apikey client grant bpjs-sync --role integration")]
    Grant {
        /// Client name
        #[arg(add = ArgValueCandidates::new(complete::clients))]
        name: String,
        /// Role to give (repeatable)
        #[arg(long, short = 'r', value_name = "ROLE", required = true, add = ArgValueCandidates::new(complete::roles))]
        role: Vec<String>,
    },
    /// Take one or more roles from a client
    #[command(after_help = "Example:\n  apikey client revoke bpjs-sync --role integration")]
    Revoke {
        /// Client name
        #[arg(add = ArgValueCandidates::new(complete::clients))]
        name: String,
        /// Role to take (repeatable)
        #[arg(long, short = 'r', value_name = "ROLE", required = true, add = ArgValueCandidates::new(complete::roles))]
        role: Vec<String>,
    },
    /// Remove a client and all its keys (asks for confirmation)
    #[command(
        visible_alias = "rm",
        after_help = "Examples:\n  apikey client remove bpjs-sync\n  apikey client remove bpjs-sync --yes"
    )]
    Remove {
        /// Client name
        #[arg(add = ArgValueCandidates::new(complete::clients))]
        name: String,
        /// Do not ask for confirmation (required without a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

/// Options that shape a new key.
#[derive(Debug, Args, Clone, Default)]
pub struct KeyOptions {
    /// Free-text label, e.g. where the key is deployed
    #[arg(long, default_value = "")]
    pub label: String,
    /// Key prefix: 1-16 lowercase letters and digits, starting with a letter
    #[arg(long, default_value = apikey_core::secret::DEFAULT_PREFIX)]
    pub prefix: String,
    /// Expire after this long, e.g. 90d, 12h
    #[arg(long, value_name = "DURATION", conflicts_with = "expires_at")]
    pub expires_in: Option<String>,
    /// Expire at this time: RFC 3339 with an offset (2027-01-31T12:00:00Z, ...+07:00) or YYYY-MM-DD (midnight UTC)
    #[arg(long, value_name = "TIME")]
    pub expires_at: Option<String>,
    /// Stop verifying after N successful uses
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=i64::MAX as u64))]
    pub max_uses: Option<u64>,
    /// Only verify for callers in this CIDR block (repeatable)
    #[arg(long, value_name = "CIDR")]
    pub allow_ip: Vec<String>,
    /// Metadata returned by a valid verify, as KEY=VALUE (repeatable)
    #[arg(long, value_name = "KEY=VALUE")]
    pub meta: Vec<String>,
    /// At most N valid answers per DURATION, e.g. 100/1m (enforced by 'apikey serve')
    #[arg(long, value_name = "N/DURATION")]
    pub rate_limit: Option<String>,
}

/// `apikey store ...`
#[derive(Debug, Clone, Subcommand)]
pub enum StoreCommand {
    /// Copy every client, key, grant, user and audit event to a new store
    #[command(
        after_help = "The copy keeps every id, hash and audit event, so 'apikey audit verify' \
passes on it and keys verify there as they did here. The target must be empty: a new SQLite \
path, or a PostgreSQL database without an apikey store. The copy is one transaction: if it \
fails, the target is left as it was.

Examples:
  apikey store copy --from apikey.db --to postgres://apikey@db.internal/apikey
  apikey store copy --from postgres://apikey@db.internal/apikey --to apikey-copy.db"
    )]
    Copy {
        /// The store to copy: an SQLite file or a postgres:// URL
        #[arg(long, value_name = "PATH_OR_URL")]
        from: PathBuf,
        /// The new store: a new SQLite file or an empty PostgreSQL database's URL
        #[arg(long, value_name = "PATH_OR_URL")]
        to: PathBuf,
    },
}

/// `apikey key ...`
#[derive(Debug, Clone, Subcommand)]
pub enum KeyCommand {
    /// Issue a new API key for a client (the secret is printed once)
    #[command(after_help = "Examples:
  apikey key create --client bpjs-sync --label prod --expires-in 90d
  apikey key create --client bpjs-sync --prefix live --max-uses 1000 --allow-ip 10.0.0.0/8
  apikey key create --client bpjs-sync --rate-limit 100/1m
  apikey --json key create --client bpjs-sync | jq -r .secret")]
    Create {
        /// The client that will own the key
        #[arg(long, short = 'c', value_name = "NAME", add = ArgValueCandidates::new(complete::clients))]
        client: String,
        /// How the key is shaped and limited.
        #[command(flatten)]
        options: KeyOptions,
    },
    /// List keys (never their secrets)
    #[command(
        visible_alias = "ls",
        after_help = "Examples:
  apikey key list
  apikey key list --client bpjs-sync --status active
  apikey key list --format csv"
    )]
    List {
        /// Only this client's keys
        #[arg(long, short = 'c', value_name = "NAME", add = ArgValueCandidates::new(complete::clients))]
        client: Option<String>,
        /// Only keys of this status
        #[arg(long, value_enum, default_value = "all")]
        status: StatusFilter,
    },
    /// Show one key's details
    #[command(after_help = "Example:\n  apikey key show 3k9x2m4q7a1b")]
    Show {
        /// Key id (see 'apikey key list')
        #[arg(add = ArgValueCandidates::new(complete::keys))]
        id: String,
    },
    /// Revoke a key for good (asks for confirmation)
    #[command(
        after_help = "Example:\n  apikey key revoke 3k9x2m4q7a1b --reason \"leaked in a log\" --yes"
    )]
    Revoke {
        /// Key id
        #[arg(add = ArgValueCandidates::new(complete::keys))]
        id: String,
        /// Why, kept with the key
        #[arg(long)]
        reason: Option<String>,
        /// Do not ask for confirmation (required without a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Issue a replacement key; the old one expires after the grace period
    #[command(after_help = "Examples:
  apikey key rotate 3k9x2m4q7a1b
  apikey key rotate 3k9x2m4q7a1b --grace 24h")]
    Rotate {
        /// Key id
        #[arg(add = ArgValueCandidates::new(complete::keys))]
        id: String,
        /// How long the old key keeps working, e.g. 24h (default: it stops now)
        #[arg(long, value_name = "DURATION", default_value = "0s")]
        grace: String,
    },
    /// Change a key's rate limit (enforced by 'apikey serve', not by 'key verify')
    #[command(after_help = "Examples:
  apikey key update 3k9x2m4q7a1b --rate-limit 100/1m
  apikey key update 3k9x2m4q7a1b --no-rate-limit")]
    Update {
        /// Key id
        #[arg(add = ArgValueCandidates::new(complete::keys))]
        id: String,
        /// At most N valid answers per DURATION, e.g. 100/1m or 5/1s
        #[arg(
            long,
            value_name = "N/DURATION",
            required_unless_present = "no_rate_limit"
        )]
        rate_limit: Option<String>,
        /// Remove the key's rate limit
        #[arg(long, conflicts_with = "rate_limit")]
        no_rate_limit: bool,
    },
    /// Disable a key until it is enabled again (unlike revoke)
    #[command(after_help = "Example:\n  apikey key disable 3k9x2m4q7a1b")]
    Disable {
        /// Key id
        #[arg(add = ArgValueCandidates::new(complete::keys))]
        id: String,
    },
    /// Enable a disabled key
    #[command(after_help = "Example:\n  apikey key enable 3k9x2m4q7a1b")]
    Enable {
        /// Key id
        #[arg(add = ArgValueCandidates::new(complete::keys))]
        id: String,
    },
    /// Store keys from another system (hashes only); one per line, or a JSON array
    #[command(after_help = "Lines that are empty or start with # are skipped.

Examples:
  apikey key import --client legacy-app old-keys.txt
  cat keys.json | apikey key import --client legacy-app - --label migrated")]
    Import {
        /// The client that will own the keys
        #[arg(long, short = 'c', value_name = "NAME", add = ArgValueCandidates::new(complete::clients))]
        client: String,
        /// File of keys, or - for standard input
        file: PathBuf,
        /// Label for the imported keys
        #[arg(long, default_value = "")]
        label: String,
    },
    /// List live keys that expire within a duration (for cron jobs)
    #[command(after_help = "Example:\n  apikey --json key expiring --within 14d")]
    Expiring {
        /// How far ahead to look, e.g. 14d
        #[arg(long, value_name = "DURATION")]
        within: String,
    },
    /// List live keys not used for a duration (never used counts from creation)
    #[command(after_help = "Example:\n  apikey key stale --unused-for 90d")]
    Stale {
        /// How long unused, e.g. 90d
        #[arg(long, value_name = "DURATION")]
        unused_for: String,
    },
    /// Check a key's format and checksum offline (no store needed)
    #[command(after_help = "Example:\n  echo \"$KEY\" | apikey key inspect")]
    Inspect {
        /// The key (for tests: an argument is visible to other users in `ps` and stays in
        /// shell history; prefer standard input)
        #[arg(long)]
        key: Option<String>,
    },
    /// Verify a key read from standard input: exit 0 if valid, 5 if not
    #[command(
        after_help = "Checks, in order: format and checksum (MALFORMED), existence (NOT_FOUND),
revocation (REVOKED), expiry (EXPIRED), key or client disabled (DISABLED),
usage cap (USAGE_EXCEEDED), caller address (FORBIDDEN), permissions
(INSUFFICIENT_PERMISSIONS). A valid answer records the use.

Examples:
  echo \"$KEY\" | apikey key verify --permission bpjs:read
  echo \"$KEY\" | apikey --json key verify --ip 10.1.2.3"
    )]
    Verify {
        /// A permission the key's client must hold (repeatable; all must hold)
        #[arg(long, short = 'p', value_name = "PERMISSION", add = ArgValueCandidates::new(complete::permissions))]
        permission: Vec<String>,
        /// The caller's IP address, checked against the key's --allow-ip list
        #[arg(long, value_name = "ADDR")]
        ip: Option<std::net::IpAddr>,
        /// The key (for tests: an argument is visible to other users in `ps` and stays in
        /// shell history; prefer standard input)
        #[arg(long)]
        key: Option<String>,
    },
}

/// `apikey permission ...`
#[derive(Debug, Clone, Subcommand)]
pub enum PermissionCommand {
    /// Define a permission, named resource:action
    #[command(
        after_help = "Example:\n  apikey permission add bpjs:read --description \"Read BPJS data\""
    )]
    Add {
        /// resource:action in lowercase letters, digits, '_', '-', '.'
        name: String,
        /// What it allows
        #[arg(long, short = 'd', default_value = "")]
        description: String,
    },
    /// List permissions and the roles that grant them
    #[command(
        visible_alias = "ls",
        after_help = "Example:\n  apikey permission list"
    )]
    List,
    /// Show one permission
    #[command(after_help = "Example:\n  apikey permission show bpjs:read")]
    Show {
        /// Permission name
        #[arg(add = ArgValueCandidates::new(complete::permissions))]
        name: String,
    },
    /// Remove a permission (asks for confirmation)
    #[command(
        visible_alias = "rm",
        after_help = "Examples:\n  apikey permission remove bpjs:write --yes\n  apikey permission remove bpjs:write --force --yes"
    )]
    Remove {
        /// Permission name
        #[arg(add = ArgValueCandidates::new(complete::permissions))]
        name: String,
        /// Also revoke it from the roles that grant it
        #[arg(long)]
        force: bool,
        /// Do not ask for confirmation (required without a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

/// `apikey role ...`
#[derive(Debug, Clone, Subcommand)]
pub enum RoleCommand {
    /// Define a role, optionally with permissions
    #[command(after_help = "Example:
  apikey role add integration --description \"Data integrations\" --permission bpjs:read --permission users:read")]
    Add {
        /// Unique name: 1-64 letters, digits, '-', '_' or '.'
        name: String,
        /// What the role is for
        #[arg(long, short = 'd', default_value = "")]
        description: String,
        /// Grant this permission, resource:* or * (repeatable)
        #[arg(long, short = 'p', value_name = "PERMISSION", add = ArgValueCandidates::new(complete::permissions))]
        permission: Vec<String>,
    },
    /// List roles
    #[command(visible_alias = "ls", after_help = "Example:\n  apikey role list")]
    List,
    /// Show a role: its permissions and the clients and users that hold it
    #[command(after_help = "Example:\n  apikey role show integration")]
    Show {
        /// Role name
        #[arg(add = ArgValueCandidates::new(complete::roles))]
        name: String,
    },
    /// Remove a role (asks for confirmation)
    #[command(
        visible_alias = "rm",
        after_help = "Example:\n  apikey role remove integration --force --yes"
    )]
    Remove {
        /// Role name
        #[arg(add = ArgValueCandidates::new(complete::roles))]
        name: String,
        /// Also take it from the clients and users that hold it
        #[arg(long)]
        force: bool,
        /// Do not ask for confirmation (required without a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Grant permissions to a role (names, resource:* or *)
    #[command(after_help = "Examples:
  apikey role grant integration bpjs:read users:read
  apikey role grant admin '*'")]
    Grant {
        /// Role name
        #[arg(add = ArgValueCandidates::new(complete::roles))]
        role: String,
        /// Permissions to grant
        #[arg(required = true, value_name = "PERMISSION", add = ArgValueCandidates::new(complete::permissions))]
        permissions: Vec<String>,
    },
    /// Take permissions from a role
    #[command(after_help = "Example:\n  apikey role revoke integration users:read")]
    Revoke {
        /// Role name
        #[arg(add = ArgValueCandidates::new(complete::roles))]
        role: String,
        /// Permissions to take
        #[arg(required = true, value_name = "PERMISSION", add = ArgValueCandidates::new(complete::permissions))]
        permissions: Vec<String>,
    },
}

/// How a command gets a password: never from an argument.
#[derive(Debug, Args, Clone, Copy)]
pub struct PasswordSource {
    /// Read the password from the first line of standard input
    #[arg(long)]
    pub password_stdin: bool,
}

/// `apikey user ...`
#[derive(Debug, Clone, Subcommand)]
pub enum UserCommand {
    /// Add an operator; the password is prompted for (or read with --password-stdin)
    #[command(after_help = "Examples:
  apikey user add admin@example.org --name \"Admin\" --role admin
  printf '%s\\n' \"$PASSWORD\" | apikey user add ci@example.org --password-stdin")]
    Add {
        /// Email address (unique, case-insensitive)
        email: String,
        /// Display name
        #[arg(long, short = 'n', default_value = "")]
        name: String,
        /// Give the user this role (repeatable)
        #[arg(long, short = 'r', value_name = "ROLE", add = ArgValueCandidates::new(complete::roles))]
        role: Vec<String>,
        /// How the password is given.
        #[command(flatten)]
        password: PasswordSource,
        /// Add the user without a password; they cannot log in until 'user passwd'
        #[arg(long, conflicts_with = "password_stdin")]
        no_password: bool,
    },
    /// List users
    #[command(visible_alias = "ls", after_help = "Example:\n  apikey user list")]
    List,
    /// Show a user
    #[command(after_help = "Example:\n  apikey user show admin@example.org")]
    Show {
        /// Email address
        #[arg(add = ArgValueCandidates::new(complete::users))]
        email: String,
    },
    /// Disable a user: they cannot log in until enabled
    #[command(after_help = "Example:\n  apikey user disable admin@example.org")]
    Disable {
        /// Email address
        #[arg(add = ArgValueCandidates::new(complete::users))]
        email: String,
    },
    /// Enable a disabled user
    #[command(after_help = "Example:\n  apikey user enable admin@example.org")]
    Enable {
        /// Email address
        #[arg(add = ArgValueCandidates::new(complete::users))]
        email: String,
    },
    /// Set a user's password
    #[command(after_help = "Examples:
  apikey user passwd admin@example.org
  printf '%s\\n' \"$PASSWORD\" | apikey user passwd admin@example.org --password-stdin")]
    Passwd {
        /// Email address
        #[arg(add = ArgValueCandidates::new(complete::users))]
        email: String,
        /// How the password is given.
        #[command(flatten)]
        password: PasswordSource,
    },
    /// Remove a user (asks for confirmation)
    #[command(
        visible_alias = "rm",
        after_help = "Example:\n  apikey user remove old@example.org --yes"
    )]
    Remove {
        /// Email address
        #[arg(add = ArgValueCandidates::new(complete::users))]
        email: String,
        /// Do not ask for confirmation (required without a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Give a user one or more roles
    #[command(after_help = "Example:\n  apikey user grant admin@example.org --role admin")]
    Grant {
        /// Email address
        #[arg(add = ArgValueCandidates::new(complete::users))]
        email: String,
        /// Role to give (repeatable)
        #[arg(long, short = 'r', value_name = "ROLE", required = true, add = ArgValueCandidates::new(complete::roles))]
        role: Vec<String>,
    },
    /// Take one or more roles from a user
    #[command(after_help = "Example:\n  apikey user revoke admin@example.org --role admin")]
    Revoke {
        /// Email address
        #[arg(add = ArgValueCandidates::new(complete::users))]
        email: String,
        /// Role to take (repeatable)
        #[arg(long, short = 'r', value_name = "ROLE", required = true, add = ArgValueCandidates::new(complete::roles))]
        role: Vec<String>,
    },
    /// Check a login: exit 0 with roles and permissions, 5 if refused
    #[command(
        after_help = "Failed attempts are audited (user.login_failed); 5 failures within 15 minutes
lock the email for 15 minutes (LOCKED, exit 5).

Example:
  printf '%s\\n' \"$PASSWORD\" | apikey --json user verify admin@example.org --password-stdin"
    )]
    Verify {
        /// Email address
        #[arg(add = ArgValueCandidates::new(complete::users))]
        email: String,
        /// How the password is given.
        #[command(flatten)]
        password: PasswordSource,
    },
}

/// `apikey audit [verify]`
#[derive(Debug, Clone, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  apikey audit --since 24h
  apikey audit --action key --limit 20
  apikey audit --by alice --target bpjs-sync
  apikey --json audit > audit.json
  apikey audit verify"
)]
pub struct AuditArgs {
    /// Check the log instead of listing it.
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    /// Only events since a time (RFC 3339 with an offset, YYYY-MM-DD) or for a duration back (24h, 7d)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only this action (key.revoke) or family (key)
    #[arg(long, value_name = "ACTION")]
    pub action: Option<String>,
    /// Only events about this target (a client, key id, role, email...)
    #[arg(long, value_name = "TARGET")]
    pub target: Option<String>,
    /// Only events by this actor (the global --actor names who acts, not whom to show)
    #[arg(long = "by", value_name = "ACTOR")]
    pub by: Option<String>,
}

/// `apikey audit verify`
#[derive(Debug, Clone, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain; exit 1 naming the first altered or missing event
    #[command(after_help = "Examples:
  apikey audit verify
  apikey audit verify --expect \"$(cat /secure/place/apikey-audit-head)\"")]
    Verify {
        /// An anchor from 'apikey audit head' kept outside the store: the chain must
        /// still hold that event with that hash (detects a rewritten or cut log)
        #[arg(long, value_name = "SEQ:HASH")]
        expect: Option<String>,
    },
    /// Print the newest event's anchor, SEQ:HASH, to keep outside the store
    #[command(after_help = "Example:\n  apikey audit head > /secure/place/apikey-audit-head")]
    Head,
}

/// The `--status` filter of `key list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFilter {
    /// Keys that verify.
    Active,
    /// Keys past their expiry.
    Expired,
    /// Revoked keys.
    Revoked,
    /// Disabled keys, or keys of disabled clients.
    Disabled,
    /// Every key.
    All,
}

impl StatusFilter {
    /// The status to filter on, or `None` for all.
    pub fn status(self) -> Option<KeyStatus> {
        match self {
            StatusFilter::Active => Some(KeyStatus::Active),
            StatusFilter::Expired => Some(KeyStatus::Expired),
            StatusFilter::Revoked => Some(KeyStatus::Revoked),
            StatusFilter::Disabled => Some(KeyStatus::Disabled),
            StatusFilter::All => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}

/// `apikey serve`
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// Forward-auth route: 'METHOD PATH PERMISSION' (METHOD may be *, PATH may end in *); repeatable
    #[arg(long, value_name = "RULE")]
    pub route: Vec<String>,
    /// Believe X-Forwarded-For / X-Real-IP from peers in this CIDR block; repeatable
    #[arg(long, value_name = "CIDR")]
    pub trusted_proxy: Vec<String>,
    /// Header a key may come in when there is no 'Authorization: Bearer'
    #[arg(long, value_name = "NAME", default_value = "X-Api-Key")]
    pub key_header: String,
    /// Answer the verify APIs without a caller key holding apikey:verify (loopback only)
    #[arg(long)]
    pub open_verify: bool,
    /// Accept keys in the api_key query parameter (they end up in access logs)
    #[arg(long)]
    pub allow_key_in_query: bool,
    /// Log line format on standard error
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
    pub log_format: LogFormatArg,
    /// Read-only store connections for lookups
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub readers: u16,
    /// Memory for cached key states, in MiB; 0 reads the store on every verification
    #[arg(long, value_name = "MIB", default_value_t = 32, value_parser = clap::value_parser!(u32).range(0..=65536))]
    pub cache_mib: u32,
    /// Most open connections; more are closed at once
    #[arg(long, value_name = "N", default_value_t = 4096, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// Longest time to receive a request's headers and to answer it, e.g. 10s or 500ms;
    /// forward-auth answers a late verification 403 UNAVAILABLE, the rest 408
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = request_timeout)]
    pub request_timeout: std::time::Duration,
    /// Serve the web console under /console (users whose roles grant admin:read; admin:write to change)
    #[arg(long)]
    pub admin: bool,
    /// Send the console's session cookie without Secure, for plain HTTP on loopback
    #[arg(long, requires = "admin")]
    pub insecure_cookies: bool,
}

/// `serve --request-timeout`: a humantime duration from 1 ms to 1 hour.
fn request_timeout(text: &str) -> Result<std::time::Duration, String> {
    let parsed = humantime::parse_duration(text.trim())
        .map_err(|e| format!("{e}; use a duration such as 10s or 500ms"))?;
    if parsed < std::time::Duration::from_millis(1) || parsed > std::time::Duration::from_secs(3600)
    {
        return Err("use a duration from 1ms to 1h, such as 10s or 500ms".into());
    }
    Ok(parsed)
}

/// `serve --log-format`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LogFormatArg {
    /// Human-readable lines
    Text,
    /// One JSON object per line
    Json,
}
