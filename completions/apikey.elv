
use builtin;
use str;

set edit:completion:arg-completer[apikey] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'apikey'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'apikey'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the store (if missing) and print its path'
            cand client 'Register and manage clients (the applications that call the API)'
            cand key 'Issue, list, revoke, rotate, verify and import API keys'
            cand permission 'Define permissions (resource:action)'
            cand role 'Group permissions into roles held by clients and users'
            cand user 'Manage operators who log in with email and password'
            cand audit 'List the audit log, or check that it was not tampered with'
            cand apply 'Make the store match a declarative file (permissions, roles, clients, keys, users)'
            cand diff 'Show drift between a declarative file and the store, both ways'
            cand export 'Write the store''s state in the format ''apply'' reads (no secrets, no hashes)'
            cand backup 'Copy the live store to a new file (safe while other processes write)'
            cand restore 'Replace the store with a backup, after checking its integrity and version'
            cand scan 'Find leaked keys in files and say which are live in this store'
            cand completions 'Print a shell completion script'
            cand config 'Show the effective settings (db, format, actor) and where each comes from'
            cand man 'Print the man page, or write one per subcommand into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;init'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;client'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a client and issue its first API key (printed once)'
            cand list 'List clients'
            cand ls 'List clients'
            cand show 'Show a client and its keys'
            cand update 'Change a client''s description or name'
            cand disable 'Disable a client: its keys answer DISABLED until it is enabled'
            cand enable 'Enable a disabled client'
            cand grant 'Give a client one or more roles; its keys act with them'
            cand revoke 'Take one or more roles from a client'
            cand remove 'Remove a client and all its keys (asks for confirmation)'
            cand rm 'Remove a client and all its keys (asks for confirmation)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;client;add'= {
            cand -d 'What the client is'
            cand --description 'What the client is'
            cand -r 'Give the client this role (repeatable)'
            cand --role 'Give the client this role (repeatable)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --no-key 'Do not issue a first key'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;client;list'= {
            cand -s 'Only clients whose name or description contains TEXT (case-insensitive)'
            cand --search 'Only clients whose name or description contains TEXT (case-insensitive)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;client;ls'= {
            cand -s 'Only clients whose name or description contains TEXT (case-insensitive)'
            cand --search 'Only clients whose name or description contains TEXT (case-insensitive)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;client;show'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;client;update'= {
            cand -d 'New description'
            cand --description 'New description'
            cand --rename 'New name'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;client;disable'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;client;enable'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;client;grant'= {
            cand -r 'Role to give (repeatable)'
            cand --role 'Role to give (repeatable)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;client;revoke'= {
            cand -r 'Role to take (repeatable)'
            cand --role 'Role to take (repeatable)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;client;remove'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;client;rm'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;client;help'= {
            cand add 'Add a client and issue its first API key (printed once)'
            cand list 'List clients'
            cand show 'Show a client and its keys'
            cand update 'Change a client''s description or name'
            cand disable 'Disable a client: its keys answer DISABLED until it is enabled'
            cand enable 'Enable a disabled client'
            cand grant 'Give a client one or more roles; its keys act with them'
            cand revoke 'Take one or more roles from a client'
            cand remove 'Remove a client and all its keys (asks for confirmation)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;client;help;add'= {
        }
        &'apikey;client;help;list'= {
        }
        &'apikey;client;help;show'= {
        }
        &'apikey;client;help;update'= {
        }
        &'apikey;client;help;disable'= {
        }
        &'apikey;client;help;enable'= {
        }
        &'apikey;client;help;grant'= {
        }
        &'apikey;client;help;revoke'= {
        }
        &'apikey;client;help;remove'= {
        }
        &'apikey;client;help;help'= {
        }
        &'apikey;key'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Issue a new API key for a client (the secret is printed once)'
            cand list 'List keys (never their secrets)'
            cand ls 'List keys (never their secrets)'
            cand show 'Show one key''s details'
            cand revoke 'Revoke a key for good (asks for confirmation)'
            cand rotate 'Issue a replacement key; the old one expires after the grace period'
            cand disable 'Disable a key until it is enabled again (unlike revoke)'
            cand enable 'Enable a disabled key'
            cand import 'Store keys from another system (hashes only); one per line, or a JSON array'
            cand expiring 'List live keys that expire within a duration (for cron jobs)'
            cand stale 'List live keys not used for a duration (never used counts from creation)'
            cand inspect 'Check a key''s format and checksum offline (no store needed)'
            cand verify 'Verify a key read from standard input: exit 0 if valid, 5 if not'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;key;create'= {
            cand -c 'The client that will own the key'
            cand --client 'The client that will own the key'
            cand --label 'Free-text label, e.g. where the key is deployed'
            cand --prefix 'Key prefix: 1-16 lowercase letters and digits, starting with a letter'
            cand --expires-in 'Expire after this long, e.g. 90d, 12h'
            cand --expires-at 'Expire at this time: RFC 3339 with an offset (2027-01-31T12:00:00Z, ...+07:00) or YYYY-MM-DD (midnight UTC)'
            cand --max-uses 'Stop verifying after N successful uses'
            cand --allow-ip 'Only verify for callers in this CIDR block (repeatable)'
            cand --meta 'Metadata returned by a valid verify, as KEY=VALUE (repeatable)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;list'= {
            cand -c 'Only this client''s keys'
            cand --client 'Only this client''s keys'
            cand --status 'Only keys of this status'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;ls'= {
            cand -c 'Only this client''s keys'
            cand --client 'Only this client''s keys'
            cand --status 'Only keys of this status'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;show'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;revoke'= {
            cand --reason 'Why, kept with the key'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;rotate'= {
            cand --grace 'How long the old key keeps working, e.g. 24h (default: it stops now)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;disable'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;enable'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;import'= {
            cand -c 'The client that will own the keys'
            cand --client 'The client that will own the keys'
            cand --label 'Label for the imported keys'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;expiring'= {
            cand --within 'How far ahead to look, e.g. 14d'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;stale'= {
            cand --unused-for 'How long unused, e.g. 90d'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;inspect'= {
            cand --key 'The key (for tests; prefer standard input, which stays out of shell history)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;verify'= {
            cand -p 'A permission the key''s client must hold (repeatable; all must hold)'
            cand --permission 'A permission the key''s client must hold (repeatable; all must hold)'
            cand --ip 'The caller''s IP address, checked against the key''s --allow-ip list'
            cand --key 'The key (for tests; prefer standard input, which stays out of shell history)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;key;help'= {
            cand create 'Issue a new API key for a client (the secret is printed once)'
            cand list 'List keys (never their secrets)'
            cand show 'Show one key''s details'
            cand revoke 'Revoke a key for good (asks for confirmation)'
            cand rotate 'Issue a replacement key; the old one expires after the grace period'
            cand disable 'Disable a key until it is enabled again (unlike revoke)'
            cand enable 'Enable a disabled key'
            cand import 'Store keys from another system (hashes only); one per line, or a JSON array'
            cand expiring 'List live keys that expire within a duration (for cron jobs)'
            cand stale 'List live keys not used for a duration (never used counts from creation)'
            cand inspect 'Check a key''s format and checksum offline (no store needed)'
            cand verify 'Verify a key read from standard input: exit 0 if valid, 5 if not'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;key;help;create'= {
        }
        &'apikey;key;help;list'= {
        }
        &'apikey;key;help;show'= {
        }
        &'apikey;key;help;revoke'= {
        }
        &'apikey;key;help;rotate'= {
        }
        &'apikey;key;help;disable'= {
        }
        &'apikey;key;help;enable'= {
        }
        &'apikey;key;help;import'= {
        }
        &'apikey;key;help;expiring'= {
        }
        &'apikey;key;help;stale'= {
        }
        &'apikey;key;help;inspect'= {
        }
        &'apikey;key;help;verify'= {
        }
        &'apikey;key;help;help'= {
        }
        &'apikey;permission'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Define a permission, named resource:action'
            cand list 'List permissions and the roles that grant them'
            cand ls 'List permissions and the roles that grant them'
            cand show 'Show one permission'
            cand remove 'Remove a permission (asks for confirmation)'
            cand rm 'Remove a permission (asks for confirmation)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;permission;add'= {
            cand -d 'What it allows'
            cand --description 'What it allows'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;permission;list'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;permission;ls'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;permission;show'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;permission;remove'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --force 'Also revoke it from the roles that grant it'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;permission;rm'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --force 'Also revoke it from the roles that grant it'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;permission;help'= {
            cand add 'Define a permission, named resource:action'
            cand list 'List permissions and the roles that grant them'
            cand show 'Show one permission'
            cand remove 'Remove a permission (asks for confirmation)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;permission;help;add'= {
        }
        &'apikey;permission;help;list'= {
        }
        &'apikey;permission;help;show'= {
        }
        &'apikey;permission;help;remove'= {
        }
        &'apikey;permission;help;help'= {
        }
        &'apikey;role'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Define a role, optionally with permissions'
            cand list 'List roles'
            cand ls 'List roles'
            cand show 'Show a role: its permissions and the clients and users that hold it'
            cand remove 'Remove a role (asks for confirmation)'
            cand rm 'Remove a role (asks for confirmation)'
            cand grant 'Grant permissions to a role (names, resource:* or *)'
            cand revoke 'Take permissions from a role'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;role;add'= {
            cand -d 'What the role is for'
            cand --description 'What the role is for'
            cand -p 'Grant this permission, resource:* or * (repeatable)'
            cand --permission 'Grant this permission, resource:* or * (repeatable)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;role;list'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;role;ls'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;role;show'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;role;remove'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --force 'Also take it from the clients and users that hold it'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;role;rm'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --force 'Also take it from the clients and users that hold it'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;role;grant'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;role;revoke'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;role;help'= {
            cand add 'Define a role, optionally with permissions'
            cand list 'List roles'
            cand show 'Show a role: its permissions and the clients and users that hold it'
            cand remove 'Remove a role (asks for confirmation)'
            cand grant 'Grant permissions to a role (names, resource:* or *)'
            cand revoke 'Take permissions from a role'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;role;help;add'= {
        }
        &'apikey;role;help;list'= {
        }
        &'apikey;role;help;show'= {
        }
        &'apikey;role;help;remove'= {
        }
        &'apikey;role;help;grant'= {
        }
        &'apikey;role;help;revoke'= {
        }
        &'apikey;role;help;help'= {
        }
        &'apikey;user'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an operator; the password is prompted for (or read with --password-stdin)'
            cand list 'List users'
            cand ls 'List users'
            cand show 'Show a user'
            cand disable 'Disable a user: they cannot log in until enabled'
            cand enable 'Enable a disabled user'
            cand passwd 'Set a user''s password'
            cand remove 'Remove a user (asks for confirmation)'
            cand rm 'Remove a user (asks for confirmation)'
            cand grant 'Give a user one or more roles'
            cand revoke 'Take one or more roles from a user'
            cand verify 'Check a login: exit 0 with roles and permissions, 5 if refused'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;user;add'= {
            cand -n 'Display name'
            cand --name 'Display name'
            cand -r 'Give the user this role (repeatable)'
            cand --role 'Give the user this role (repeatable)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --password-stdin 'Read the password from the first line of standard input'
            cand --no-password 'Add the user without a password; they cannot log in until ''user passwd'''
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;user;list'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;user;ls'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;user;show'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;user;disable'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;user;enable'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;user;passwd'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --password-stdin 'Read the password from the first line of standard input'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;user;remove'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;user;rm'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;user;grant'= {
            cand -r 'Role to give (repeatable)'
            cand --role 'Role to give (repeatable)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;user;revoke'= {
            cand -r 'Role to take (repeatable)'
            cand --role 'Role to take (repeatable)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;user;verify'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --password-stdin 'Read the password from the first line of standard input'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;user;help'= {
            cand add 'Add an operator; the password is prompted for (or read with --password-stdin)'
            cand list 'List users'
            cand show 'Show a user'
            cand disable 'Disable a user: they cannot log in until enabled'
            cand enable 'Enable a disabled user'
            cand passwd 'Set a user''s password'
            cand remove 'Remove a user (asks for confirmation)'
            cand grant 'Give a user one or more roles'
            cand revoke 'Take one or more roles from a user'
            cand verify 'Check a login: exit 0 with roles and permissions, 5 if refused'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;user;help;add'= {
        }
        &'apikey;user;help;list'= {
        }
        &'apikey;user;help;show'= {
        }
        &'apikey;user;help;disable'= {
        }
        &'apikey;user;help;enable'= {
        }
        &'apikey;user;help;passwd'= {
        }
        &'apikey;user;help;remove'= {
        }
        &'apikey;user;help;grant'= {
        }
        &'apikey;user;help;revoke'= {
        }
        &'apikey;user;help;verify'= {
        }
        &'apikey;user;help;help'= {
        }
        &'apikey;audit'= {
            cand --since 'Only events since a time (RFC 3339 with an offset, YYYY-MM-DD) or for a duration back (24h, 7d)'
            cand --action 'Only this action (key.revoke) or family (key)'
            cand --target 'Only events about this target (a client, key id, role, email...)'
            cand --by 'Only events by this actor (the global --actor names who acts, not whom to show)'
            cand --limit 'Only the most recent N events'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand verify 'Check the hash chain; exit 1 naming the first altered or missing event'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;audit;verify'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;audit;help'= {
            cand verify 'Check the hash chain; exit 1 naming the first altered or missing event'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;audit;help;verify'= {
        }
        &'apikey;audit;help;help'= {
        }
        &'apikey;apply'= {
            cand --secrets-out 'Write new secrets to this new owner-only file instead of standard output'
            cand --file-format 'The file''s syntax [default: from the extension, else guessed]'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --dry-run 'Print the plan without changing the store'
            cand --prune 'Also remove what the file does not name (revokes surplus keys)'
            cand --allow-empty 'With --prune, accept a file that declares nothing (removes everything)'
            cand -y 'Do not ask before pruning (required without a terminal)'
            cand --yes 'Do not ask before pruning (required without a terminal)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;diff'= {
            cand --file-format 'The file''s syntax [default: from the extension, else guessed]'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --exit-code 'Exit 1 when there is drift, as ''git diff --exit-code'''
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;export'= {
            cand --file-format 'Syntax to write [default: from the extension, else JSON]'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --force 'Replace FILE if it exists (it is replaced whole, never half-written)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;backup'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;restore'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;scan'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --revoke 'Revoke the live keys found (asks for confirmation)'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;completions'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;config'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print each effective setting and its source: flag, environment, config file ($XDG_CONFIG_HOME/apikey/config.toml, or APIKEY_CONFIG) or default'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;config;show'= {
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;config;help'= {
            cand show 'Print each effective setting and its source: flag, environment, config file ($XDG_CONFIG_HOME/apikey/config.toml, or APIKEY_CONFIG) or default'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;config;help;show'= {
        }
        &'apikey;config;help;help'= {
        }
        &'apikey;man'= {
            cand --out-dir 'Write apikey.1 and one page per subcommand into this directory (new files: existing pages are refused without --force; links are never followed)'
            cand --db 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]'
            cand --format 'Output format: table for people, json for scripts, csv for lists'
            cand --actor 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]'
            cand --force 'Replace existing pages in --out-dir'
            cand --json 'Print JSON for scripts (same as --format json)'
            cand -q 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand --quiet 'Print only what scripts need on stdout: a new key''s secret, or lists'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'apikey;help'= {
            cand init 'Create the store (if missing) and print its path'
            cand client 'Register and manage clients (the applications that call the API)'
            cand key 'Issue, list, revoke, rotate, verify and import API keys'
            cand permission 'Define permissions (resource:action)'
            cand role 'Group permissions into roles held by clients and users'
            cand user 'Manage operators who log in with email and password'
            cand audit 'List the audit log, or check that it was not tampered with'
            cand apply 'Make the store match a declarative file (permissions, roles, clients, keys, users)'
            cand diff 'Show drift between a declarative file and the store, both ways'
            cand export 'Write the store''s state in the format ''apply'' reads (no secrets, no hashes)'
            cand backup 'Copy the live store to a new file (safe while other processes write)'
            cand restore 'Replace the store with a backup, after checking its integrity and version'
            cand scan 'Find leaked keys in files and say which are live in this store'
            cand completions 'Print a shell completion script'
            cand config 'Show the effective settings (db, format, actor) and where each comes from'
            cand man 'Print the man page, or write one per subcommand into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'apikey;help;init'= {
        }
        &'apikey;help;client'= {
            cand add 'Add a client and issue its first API key (printed once)'
            cand list 'List clients'
            cand show 'Show a client and its keys'
            cand update 'Change a client''s description or name'
            cand disable 'Disable a client: its keys answer DISABLED until it is enabled'
            cand enable 'Enable a disabled client'
            cand grant 'Give a client one or more roles; its keys act with them'
            cand revoke 'Take one or more roles from a client'
            cand remove 'Remove a client and all its keys (asks for confirmation)'
        }
        &'apikey;help;client;add'= {
        }
        &'apikey;help;client;list'= {
        }
        &'apikey;help;client;show'= {
        }
        &'apikey;help;client;update'= {
        }
        &'apikey;help;client;disable'= {
        }
        &'apikey;help;client;enable'= {
        }
        &'apikey;help;client;grant'= {
        }
        &'apikey;help;client;revoke'= {
        }
        &'apikey;help;client;remove'= {
        }
        &'apikey;help;key'= {
            cand create 'Issue a new API key for a client (the secret is printed once)'
            cand list 'List keys (never their secrets)'
            cand show 'Show one key''s details'
            cand revoke 'Revoke a key for good (asks for confirmation)'
            cand rotate 'Issue a replacement key; the old one expires after the grace period'
            cand disable 'Disable a key until it is enabled again (unlike revoke)'
            cand enable 'Enable a disabled key'
            cand import 'Store keys from another system (hashes only); one per line, or a JSON array'
            cand expiring 'List live keys that expire within a duration (for cron jobs)'
            cand stale 'List live keys not used for a duration (never used counts from creation)'
            cand inspect 'Check a key''s format and checksum offline (no store needed)'
            cand verify 'Verify a key read from standard input: exit 0 if valid, 5 if not'
        }
        &'apikey;help;key;create'= {
        }
        &'apikey;help;key;list'= {
        }
        &'apikey;help;key;show'= {
        }
        &'apikey;help;key;revoke'= {
        }
        &'apikey;help;key;rotate'= {
        }
        &'apikey;help;key;disable'= {
        }
        &'apikey;help;key;enable'= {
        }
        &'apikey;help;key;import'= {
        }
        &'apikey;help;key;expiring'= {
        }
        &'apikey;help;key;stale'= {
        }
        &'apikey;help;key;inspect'= {
        }
        &'apikey;help;key;verify'= {
        }
        &'apikey;help;permission'= {
            cand add 'Define a permission, named resource:action'
            cand list 'List permissions and the roles that grant them'
            cand show 'Show one permission'
            cand remove 'Remove a permission (asks for confirmation)'
        }
        &'apikey;help;permission;add'= {
        }
        &'apikey;help;permission;list'= {
        }
        &'apikey;help;permission;show'= {
        }
        &'apikey;help;permission;remove'= {
        }
        &'apikey;help;role'= {
            cand add 'Define a role, optionally with permissions'
            cand list 'List roles'
            cand show 'Show a role: its permissions and the clients and users that hold it'
            cand remove 'Remove a role (asks for confirmation)'
            cand grant 'Grant permissions to a role (names, resource:* or *)'
            cand revoke 'Take permissions from a role'
        }
        &'apikey;help;role;add'= {
        }
        &'apikey;help;role;list'= {
        }
        &'apikey;help;role;show'= {
        }
        &'apikey;help;role;remove'= {
        }
        &'apikey;help;role;grant'= {
        }
        &'apikey;help;role;revoke'= {
        }
        &'apikey;help;user'= {
            cand add 'Add an operator; the password is prompted for (or read with --password-stdin)'
            cand list 'List users'
            cand show 'Show a user'
            cand disable 'Disable a user: they cannot log in until enabled'
            cand enable 'Enable a disabled user'
            cand passwd 'Set a user''s password'
            cand remove 'Remove a user (asks for confirmation)'
            cand grant 'Give a user one or more roles'
            cand revoke 'Take one or more roles from a user'
            cand verify 'Check a login: exit 0 with roles and permissions, 5 if refused'
        }
        &'apikey;help;user;add'= {
        }
        &'apikey;help;user;list'= {
        }
        &'apikey;help;user;show'= {
        }
        &'apikey;help;user;disable'= {
        }
        &'apikey;help;user;enable'= {
        }
        &'apikey;help;user;passwd'= {
        }
        &'apikey;help;user;remove'= {
        }
        &'apikey;help;user;grant'= {
        }
        &'apikey;help;user;revoke'= {
        }
        &'apikey;help;user;verify'= {
        }
        &'apikey;help;audit'= {
            cand verify 'Check the hash chain; exit 1 naming the first altered or missing event'
        }
        &'apikey;help;audit;verify'= {
        }
        &'apikey;help;apply'= {
        }
        &'apikey;help;diff'= {
        }
        &'apikey;help;export'= {
        }
        &'apikey;help;backup'= {
        }
        &'apikey;help;restore'= {
        }
        &'apikey;help;scan'= {
        }
        &'apikey;help;completions'= {
        }
        &'apikey;help;config'= {
            cand show 'Print each effective setting and its source: flag, environment, config file ($XDG_CONFIG_HOME/apikey/config.toml, or APIKEY_CONFIG) or default'
        }
        &'apikey;help;config;show'= {
        }
        &'apikey;help;man'= {
        }
        &'apikey;help;help'= {
        }
    ]
    $completions[$command]
}
