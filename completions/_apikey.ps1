
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'apikey' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'apikey'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'apikey' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the store (if missing) and print its path')
            [CompletionResult]::new('client', 'client', [CompletionResultType]::ParameterValue, 'Register and manage clients (the applications that call the API)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Issue, list, revoke, rotate, verify and import API keys')
            [CompletionResult]::new('permission', 'permission', [CompletionResultType]::ParameterValue, 'Define permissions (resource:action)')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Group permissions into roles held by clients and users')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage operators who log in with email and password')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'List the audit log, or check that it was not tampered with')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the store match a declarative file (permissions, roles, clients, keys, users)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show drift between a declarative file and the store, both ways')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the store''s state in the format ''apply'' reads (no secrets, no hashes)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy the live store to a new file (safe while other processes write)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the store with a backup, after checking its integrity and version')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Find leaked keys in files and say which are live in this store')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the effective settings (db, format, actor) and where each comes from')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page, or write one per subcommand into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;init' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;client' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a client and issue its first API key (printed once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clients')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List clients')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a client and its keys')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a client''s description or name')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a client: its keys answer DISABLED until it is enabled')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled client')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Give a client one or more roles; its keys act with them')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Take one or more roles from a client')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a client and all its keys (asks for confirmation)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a client and all its keys (asks for confirmation)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;client;add' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'What the client is')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What the client is')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Give the client this role (repeatable)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Give the client this role (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--no-key', '--no-key', [CompletionResultType]::ParameterName, 'Do not issue a first key')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;client;list' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only clients whose name or description contains TEXT (case-insensitive)')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only clients whose name or description contains TEXT (case-insensitive)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;client;ls' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only clients whose name or description contains TEXT (case-insensitive)')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only clients whose name or description contains TEXT (case-insensitive)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;client;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;client;update' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'New description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'New description')
            [CompletionResult]::new('--rename', '--rename', [CompletionResultType]::ParameterName, 'New name')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;client;disable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;client;enable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;client;grant' {
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Role to give (repeatable)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role to give (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;client;revoke' {
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Role to take (repeatable)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role to take (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;client;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;client;rm' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;client;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a client and issue its first API key (printed once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clients')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a client and its keys')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a client''s description or name')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a client: its keys answer DISABLED until it is enabled')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled client')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Give a client one or more roles; its keys act with them')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Take one or more roles from a client')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a client and all its keys (asks for confirmation)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;client;help;add' {
            break
        }
        'apikey;client;help;list' {
            break
        }
        'apikey;client;help;show' {
            break
        }
        'apikey;client;help;update' {
            break
        }
        'apikey;client;help;disable' {
            break
        }
        'apikey;client;help;enable' {
            break
        }
        'apikey;client;help;grant' {
            break
        }
        'apikey;client;help;revoke' {
            break
        }
        'apikey;client;help;remove' {
            break
        }
        'apikey;client;help;help' {
            break
        }
        'apikey;key' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Issue a new API key for a client (the secret is printed once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List keys (never their secrets)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List keys (never their secrets)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one key''s details')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a key for good (asks for confirmation)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Issue a replacement key; the old one expires after the grace period')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a key until it is enabled again (unlike revoke)')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled key')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Store keys from another system (hashes only); one per line, or a JSON array')
            [CompletionResult]::new('expiring', 'expiring', [CompletionResultType]::ParameterValue, 'List live keys that expire within a duration (for cron jobs)')
            [CompletionResult]::new('stale', 'stale', [CompletionResultType]::ParameterValue, 'List live keys not used for a duration (never used counts from creation)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Check a key''s format and checksum offline (no store needed)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a key read from standard input: exit 0 if valid, 5 if not')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;key;create' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The client that will own the key')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'The client that will own the key')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Free-text label, e.g. where the key is deployed')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Key prefix: 1-16 lowercase letters and digits, starting with a letter')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expire after this long, e.g. 90d, 12h')
            [CompletionResult]::new('--expires-at', '--expires-at', [CompletionResultType]::ParameterName, 'Expire at this time: RFC 3339 with an offset (2027-01-31T12:00:00Z, ...+07:00) or YYYY-MM-DD (midnight UTC)')
            [CompletionResult]::new('--max-uses', '--max-uses', [CompletionResultType]::ParameterName, 'Stop verifying after N successful uses')
            [CompletionResult]::new('--allow-ip', '--allow-ip', [CompletionResultType]::ParameterName, 'Only verify for callers in this CIDR block (repeatable)')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'Metadata returned by a valid verify, as KEY=VALUE (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;list' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Only this client''s keys')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Only this client''s keys')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only keys of this status')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;ls' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Only this client''s keys')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Only this client''s keys')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only keys of this status')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;revoke' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why, kept with the key')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;rotate' {
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long the old key keeps working, e.g. 24h (default: it stops now)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;disable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;enable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;import' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The client that will own the keys')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'The client that will own the keys')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Label for the imported keys')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;expiring' {
            [CompletionResult]::new('--within', '--within', [CompletionResultType]::ParameterName, 'How far ahead to look, e.g. 14d')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;stale' {
            [CompletionResult]::new('--unused-for', '--unused-for', [CompletionResultType]::ParameterName, 'How long unused, e.g. 90d')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;inspect' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The key (for tests; prefer standard input, which stays out of shell history)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;verify' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'A permission the key''s client must hold (repeatable; all must hold)')
            [CompletionResult]::new('--permission', '--permission', [CompletionResultType]::ParameterName, 'A permission the key''s client must hold (repeatable; all must hold)')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'The caller''s IP address, checked against the key''s --allow-ip list')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The key (for tests; prefer standard input, which stays out of shell history)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;key;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Issue a new API key for a client (the secret is printed once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List keys (never their secrets)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one key''s details')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a key for good (asks for confirmation)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Issue a replacement key; the old one expires after the grace period')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a key until it is enabled again (unlike revoke)')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled key')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Store keys from another system (hashes only); one per line, or a JSON array')
            [CompletionResult]::new('expiring', 'expiring', [CompletionResultType]::ParameterValue, 'List live keys that expire within a duration (for cron jobs)')
            [CompletionResult]::new('stale', 'stale', [CompletionResultType]::ParameterValue, 'List live keys not used for a duration (never used counts from creation)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Check a key''s format and checksum offline (no store needed)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a key read from standard input: exit 0 if valid, 5 if not')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;key;help;create' {
            break
        }
        'apikey;key;help;list' {
            break
        }
        'apikey;key;help;show' {
            break
        }
        'apikey;key;help;revoke' {
            break
        }
        'apikey;key;help;rotate' {
            break
        }
        'apikey;key;help;disable' {
            break
        }
        'apikey;key;help;enable' {
            break
        }
        'apikey;key;help;import' {
            break
        }
        'apikey;key;help;expiring' {
            break
        }
        'apikey;key;help;stale' {
            break
        }
        'apikey;key;help;inspect' {
            break
        }
        'apikey;key;help;verify' {
            break
        }
        'apikey;key;help;help' {
            break
        }
        'apikey;permission' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Define a permission, named resource:action')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List permissions and the roles that grant them')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List permissions and the roles that grant them')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one permission')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a permission (asks for confirmation)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a permission (asks for confirmation)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;permission;add' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'What it allows')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What it allows')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;permission;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;permission;ls' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;permission;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;permission;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Also revoke it from the roles that grant it')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;permission;rm' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Also revoke it from the roles that grant it')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;permission;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Define a permission, named resource:action')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List permissions and the roles that grant them')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one permission')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a permission (asks for confirmation)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;permission;help;add' {
            break
        }
        'apikey;permission;help;list' {
            break
        }
        'apikey;permission;help;show' {
            break
        }
        'apikey;permission;help;remove' {
            break
        }
        'apikey;permission;help;help' {
            break
        }
        'apikey;role' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Define a role, optionally with permissions')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List roles')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List roles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a role: its permissions and the clients and users that hold it')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a role (asks for confirmation)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a role (asks for confirmation)')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Grant permissions to a role (names, resource:* or *)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Take permissions from a role')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;role;add' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'What the role is for')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What the role is for')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Grant this permission, resource:* or * (repeatable)')
            [CompletionResult]::new('--permission', '--permission', [CompletionResultType]::ParameterName, 'Grant this permission, resource:* or * (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;role;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;role;ls' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;role;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;role;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Also take it from the clients and users that hold it')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;role;rm' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Also take it from the clients and users that hold it')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;role;grant' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;role;revoke' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;role;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Define a role, optionally with permissions')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List roles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a role: its permissions and the clients and users that hold it')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a role (asks for confirmation)')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Grant permissions to a role (names, resource:* or *)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Take permissions from a role')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;role;help;add' {
            break
        }
        'apikey;role;help;list' {
            break
        }
        'apikey;role;help;show' {
            break
        }
        'apikey;role;help;remove' {
            break
        }
        'apikey;role;help;grant' {
            break
        }
        'apikey;role;help;revoke' {
            break
        }
        'apikey;role;help;help' {
            break
        }
        'apikey;user' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an operator; the password is prompted for (or read with --password-stdin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a user')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a user: they cannot log in until enabled')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled user')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user (asks for confirmation)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a user (asks for confirmation)')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Give a user one or more roles')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Take one or more roles from a user')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a login: exit 0 with roles and permissions, 5 if refused')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;user;add' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Display name')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Give the user this role (repeatable)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Give the user this role (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Add the user without a password; they cannot log in until ''user passwd''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;user;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;user;ls' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;user;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;user;disable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;user;enable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;user;passwd' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;user;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;user;rm' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;user;grant' {
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Role to give (repeatable)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role to give (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;user;revoke' {
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Role to take (repeatable)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role to take (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;user;verify' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;user;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an operator; the password is prompted for (or read with --password-stdin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a user')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a user: they cannot log in until enabled')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled user')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user (asks for confirmation)')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Give a user one or more roles')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Take one or more roles from a user')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a login: exit 0 with roles and permissions, 5 if refused')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;user;help;add' {
            break
        }
        'apikey;user;help;list' {
            break
        }
        'apikey;user;help;show' {
            break
        }
        'apikey;user;help;disable' {
            break
        }
        'apikey;user;help;enable' {
            break
        }
        'apikey;user;help;passwd' {
            break
        }
        'apikey;user;help;remove' {
            break
        }
        'apikey;user;help;grant' {
            break
        }
        'apikey;user;help;revoke' {
            break
        }
        'apikey;user;help;verify' {
            break
        }
        'apikey;user;help;help' {
            break
        }
        'apikey;audit' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events since a time (RFC 3339 with an offset, YYYY-MM-DD) or for a duration back (24h, 7d)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only this action (key.revoke) or family (key)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Only events about this target (a client, key id, role, email...)')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Only events by this actor (the global --actor names who acts, not whom to show)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Only the most recent N events')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the hash chain; exit 1 naming the first altered or missing event')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;audit;verify' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;audit;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the hash chain; exit 1 naming the first altered or missing event')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;audit;help;verify' {
            break
        }
        'apikey;audit;help;help' {
            break
        }
        'apikey;apply' {
            [CompletionResult]::new('--secrets-out', '--secrets-out', [CompletionResultType]::ParameterName, 'Write new secrets to this new owner-only file instead of standard output')
            [CompletionResult]::new('--file-format', '--file-format', [CompletionResultType]::ParameterName, 'The file''s syntax [default: from the extension, else guessed]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan without changing the store')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also remove what the file does not name (revokes surplus keys)')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'With --prune, accept a file that declares nothing (removes everything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before pruning (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before pruning (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;diff' {
            [CompletionResult]::new('--file-format', '--file-format', [CompletionResultType]::ParameterName, 'The file''s syntax [default: from the extension, else guessed]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--exit-code', '--exit-code', [CompletionResultType]::ParameterName, 'Exit 1 when there is drift, as ''git diff --exit-code''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;export' {
            [CompletionResult]::new('--file-format', '--file-format', [CompletionResultType]::ParameterName, 'Syntax to write [default: from the extension, else JSON]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace FILE if it exists (it is replaced whole, never half-written)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;backup' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;restore' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;scan' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--revoke', '--revoke', [CompletionResultType]::ParameterName, 'Revoke the live keys found (asks for confirmation)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;config' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print each effective setting and its source: flag, environment, config file ($XDG_CONFIG_HOME/apikey/config.toml, or APIKEY_CONFIG) or default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;config;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print each effective setting and its source: flag, environment, config file ($XDG_CONFIG_HOME/apikey/config.toml, or APIKEY_CONFIG) or default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;config;help;show' {
            break
        }
        'apikey;config;help;help' {
            break
        }
        'apikey;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write apikey.1 and one page per subcommand into this directory (new files: existing pages are refused without --force; links are never followed)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, json for scripts, csv for lists')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing pages in --out-dir')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON for scripts (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what scripts need on stdout: a new key''s secret, or lists')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'apikey;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the store (if missing) and print its path')
            [CompletionResult]::new('client', 'client', [CompletionResultType]::ParameterValue, 'Register and manage clients (the applications that call the API)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Issue, list, revoke, rotate, verify and import API keys')
            [CompletionResult]::new('permission', 'permission', [CompletionResultType]::ParameterValue, 'Define permissions (resource:action)')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Group permissions into roles held by clients and users')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage operators who log in with email and password')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'List the audit log, or check that it was not tampered with')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the store match a declarative file (permissions, roles, clients, keys, users)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show drift between a declarative file and the store, both ways')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the store''s state in the format ''apply'' reads (no secrets, no hashes)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy the live store to a new file (safe while other processes write)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the store with a backup, after checking its integrity and version')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Find leaked keys in files and say which are live in this store')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the effective settings (db, format, actor) and where each comes from')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page, or write one per subcommand into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'apikey;help;init' {
            break
        }
        'apikey;help;client' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a client and issue its first API key (printed once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clients')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a client and its keys')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a client''s description or name')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a client: its keys answer DISABLED until it is enabled')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled client')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Give a client one or more roles; its keys act with them')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Take one or more roles from a client')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a client and all its keys (asks for confirmation)')
            break
        }
        'apikey;help;client;add' {
            break
        }
        'apikey;help;client;list' {
            break
        }
        'apikey;help;client;show' {
            break
        }
        'apikey;help;client;update' {
            break
        }
        'apikey;help;client;disable' {
            break
        }
        'apikey;help;client;enable' {
            break
        }
        'apikey;help;client;grant' {
            break
        }
        'apikey;help;client;revoke' {
            break
        }
        'apikey;help;client;remove' {
            break
        }
        'apikey;help;key' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Issue a new API key for a client (the secret is printed once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List keys (never their secrets)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one key''s details')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a key for good (asks for confirmation)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Issue a replacement key; the old one expires after the grace period')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a key until it is enabled again (unlike revoke)')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled key')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Store keys from another system (hashes only); one per line, or a JSON array')
            [CompletionResult]::new('expiring', 'expiring', [CompletionResultType]::ParameterValue, 'List live keys that expire within a duration (for cron jobs)')
            [CompletionResult]::new('stale', 'stale', [CompletionResultType]::ParameterValue, 'List live keys not used for a duration (never used counts from creation)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Check a key''s format and checksum offline (no store needed)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a key read from standard input: exit 0 if valid, 5 if not')
            break
        }
        'apikey;help;key;create' {
            break
        }
        'apikey;help;key;list' {
            break
        }
        'apikey;help;key;show' {
            break
        }
        'apikey;help;key;revoke' {
            break
        }
        'apikey;help;key;rotate' {
            break
        }
        'apikey;help;key;disable' {
            break
        }
        'apikey;help;key;enable' {
            break
        }
        'apikey;help;key;import' {
            break
        }
        'apikey;help;key;expiring' {
            break
        }
        'apikey;help;key;stale' {
            break
        }
        'apikey;help;key;inspect' {
            break
        }
        'apikey;help;key;verify' {
            break
        }
        'apikey;help;permission' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Define a permission, named resource:action')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List permissions and the roles that grant them')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one permission')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a permission (asks for confirmation)')
            break
        }
        'apikey;help;permission;add' {
            break
        }
        'apikey;help;permission;list' {
            break
        }
        'apikey;help;permission;show' {
            break
        }
        'apikey;help;permission;remove' {
            break
        }
        'apikey;help;role' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Define a role, optionally with permissions')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List roles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a role: its permissions and the clients and users that hold it')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a role (asks for confirmation)')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Grant permissions to a role (names, resource:* or *)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Take permissions from a role')
            break
        }
        'apikey;help;role;add' {
            break
        }
        'apikey;help;role;list' {
            break
        }
        'apikey;help;role;show' {
            break
        }
        'apikey;help;role;remove' {
            break
        }
        'apikey;help;role;grant' {
            break
        }
        'apikey;help;role;revoke' {
            break
        }
        'apikey;help;user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an operator; the password is prompted for (or read with --password-stdin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a user')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a user: they cannot log in until enabled')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled user')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user (asks for confirmation)')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Give a user one or more roles')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Take one or more roles from a user')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a login: exit 0 with roles and permissions, 5 if refused')
            break
        }
        'apikey;help;user;add' {
            break
        }
        'apikey;help;user;list' {
            break
        }
        'apikey;help;user;show' {
            break
        }
        'apikey;help;user;disable' {
            break
        }
        'apikey;help;user;enable' {
            break
        }
        'apikey;help;user;passwd' {
            break
        }
        'apikey;help;user;remove' {
            break
        }
        'apikey;help;user;grant' {
            break
        }
        'apikey;help;user;revoke' {
            break
        }
        'apikey;help;user;verify' {
            break
        }
        'apikey;help;audit' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the hash chain; exit 1 naming the first altered or missing event')
            break
        }
        'apikey;help;audit;verify' {
            break
        }
        'apikey;help;apply' {
            break
        }
        'apikey;help;diff' {
            break
        }
        'apikey;help;export' {
            break
        }
        'apikey;help;backup' {
            break
        }
        'apikey;help;restore' {
            break
        }
        'apikey;help;scan' {
            break
        }
        'apikey;help;completions' {
            break
        }
        'apikey;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print each effective setting and its source: flag, environment, config file ($XDG_CONFIG_HOME/apikey/config.toml, or APIKEY_CONFIG) or default')
            break
        }
        'apikey;help;config;show' {
            break
        }
        'apikey;help;man' {
            break
        }
        'apikey;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
