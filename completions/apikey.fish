# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_apikey_global_optspecs
    string join \n db= json format= q/quiet actor= h/help V/version
end

function __fish_apikey_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_apikey_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_apikey_using_subcommand
    set -l cmd (__fish_apikey_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c apikey -n "__fish_apikey_needs_command" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_needs_command" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_needs_command" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_needs_command" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_needs_command" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_needs_command" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "init" -d 'Create the store (if missing) and print its path'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "client" -d 'Register and manage clients (the applications that call the API)'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "key" -d 'Issue, list, revoke, rotate, verify and import API keys'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "permission" -d 'Define permissions (resource:action)'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "role" -d 'Group permissions into roles held by clients and users'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "user" -d 'Manage operators who log in with email and password'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "audit" -d 'List the audit log, or check that it was not tampered with'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "apply" -d 'Make the store match a declarative file (permissions, roles, clients, keys, users)'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "diff" -d 'Show drift between a declarative file and the store, both ways'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "export" -d 'Write the store\'s state in the format \'apply\' reads (no secrets, no hashes)'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "backup" -d 'Copy the live store to a new file (safe while other processes write)'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "restore" -d 'Replace the store with a backup, after checking its integrity and version'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "scan" -d 'Find leaked keys in files and say which are live in this store'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "config" -d 'Show the effective settings (db, format, actor) and where each comes from'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "man" -d 'Print the man page, or write one per subcommand into a directory'
complete -c apikey -n "__fish_apikey_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand init" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand init" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand init" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand init" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand init" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand init" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -f -a "add" -d 'Add a client and issue its first API key (printed once)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -f -a "list" -d 'List clients'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -f -a "ls" -d 'List clients'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -f -a "show" -d 'Show a client and its keys'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -f -a "update" -d 'Change a client\'s description or name'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -f -a "disable" -d 'Disable a client: its keys answer DISABLED until it is enabled'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -f -a "enable" -d 'Enable a disabled client'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -f -a "grant" -d 'Give a client one or more roles; its keys act with them'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -f -a "revoke" -d 'Take one or more roles from a client'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -f -a "remove" -d 'Remove a client and all its keys (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -f -a "rm" -d 'Remove a client and all its keys (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and not __fish_seen_subcommand_from add list ls show update disable enable grant revoke remove rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from add" -s d -l description -d 'What the client is' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from add" -s r -l role -d 'Give the client this role (repeatable)' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from add" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from add" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from add" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from add" -l no-key -d 'Do not issue a first key'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from add" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from list" -s s -l search -d 'Only clients whose name or description contains TEXT (case-insensitive)' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from list" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from list" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from list" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from list" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from ls" -s s -l search -d 'Only clients whose name or description contains TEXT (case-insensitive)' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from ls" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from ls" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from ls" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from ls" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from show" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from show" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from show" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from show" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from update" -s d -l description -d 'New description' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from update" -l rename -d 'New name' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from update" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from update" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from update" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from update" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from disable" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from disable" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from disable" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from disable" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from enable" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from enable" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from enable" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from enable" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from grant" -s r -l role -d 'Role to give (repeatable)' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from grant" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from grant" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from grant" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from grant" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from grant" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from grant" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from grant" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from revoke" -s r -l role -d 'Role to take (repeatable)' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from revoke" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from revoke" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from revoke" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from revoke" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from remove" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from remove" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from remove" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from rm" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from rm" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from rm" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from rm" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a client and issue its first API key (printed once)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "list" -d 'List clients'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a client and its keys'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a client\'s description or name'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable a client: its keys answer DISABLED until it is enabled'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enable a disabled client'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "grant" -d 'Give a client one or more roles; its keys act with them'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Take one or more roles from a client'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a client and all its keys (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "create" -d 'Issue a new API key for a client (the secret is printed once)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "list" -d 'List keys (never their secrets)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "ls" -d 'List keys (never their secrets)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "show" -d 'Show one key\'s details'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "revoke" -d 'Revoke a key for good (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "rotate" -d 'Issue a replacement key; the old one expires after the grace period'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "disable" -d 'Disable a key until it is enabled again (unlike revoke)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "enable" -d 'Enable a disabled key'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "import" -d 'Store keys from another system (hashes only); one per line, or a JSON array'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "expiring" -d 'List live keys that expire within a duration (for cron jobs)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "stale" -d 'List live keys not used for a duration (never used counts from creation)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "inspect" -d 'Check a key\'s format and checksum offline (no store needed)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "verify" -d 'Verify a key read from standard input: exit 0 if valid, 5 if not'
complete -c apikey -n "__fish_apikey_using_subcommand key; and not __fish_seen_subcommand_from create list ls show revoke rotate disable enable import expiring stale inspect verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -s c -l client -d 'The client that will own the key' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -l label -d 'Free-text label, e.g. where the key is deployed' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -l prefix -d 'Key prefix: 1-16 lowercase letters and digits, starting with a letter' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -l expires-in -d 'Expire after this long, e.g. 90d, 12h' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -l expires-at -d 'Expire at this time: RFC 3339 with an offset (2027-01-31T12:00:00Z, ...+07:00) or YYYY-MM-DD (midnight UTC)' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -l max-uses -d 'Stop verifying after N successful uses' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -l allow-ip -d 'Only verify for callers in this CIDR block (repeatable)' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -l meta -d 'Metadata returned by a valid verify, as KEY=VALUE (repeatable)' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from list" -s c -l client -d 'Only this client\'s keys' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from list" -l status -d 'Only keys of this status' -r -f -a "active\t'Keys that verify'
expired\t'Keys past their expiry'
revoked\t'Revoked keys'
disabled\t'Disabled keys, or keys of disabled clients'
all\t'Every key'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from list" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from list" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from list" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from list" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from ls" -s c -l client -d 'Only this client\'s keys' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from ls" -l status -d 'Only keys of this status' -r -f -a "active\t'Keys that verify'
expired\t'Keys past their expiry'
revoked\t'Revoked keys'
disabled\t'Disabled keys, or keys of disabled clients'
all\t'Every key'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from ls" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from ls" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from ls" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from ls" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from show" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from show" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from show" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from show" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from revoke" -l reason -d 'Why, kept with the key' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from revoke" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from revoke" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from revoke" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from revoke" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from rotate" -l grace -d 'How long the old key keeps working, e.g. 24h (default: it stops now)' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from rotate" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from rotate" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from rotate" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from rotate" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from disable" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from disable" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from disable" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from disable" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from enable" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from enable" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from enable" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from enable" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from import" -s c -l client -d 'The client that will own the keys' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from import" -l label -d 'Label for the imported keys' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from import" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from import" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from import" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from import" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from expiring" -l within -d 'How far ahead to look, e.g. 14d' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from expiring" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from expiring" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from expiring" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from expiring" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from expiring" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from expiring" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from expiring" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from stale" -l unused-for -d 'How long unused, e.g. 90d' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from stale" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from stale" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from stale" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from stale" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from stale" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from stale" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from stale" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from inspect" -l key -d 'The key (for tests; prefer standard input, which stays out of shell history)' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from inspect" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from inspect" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from inspect" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from inspect" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from inspect" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from verify" -s p -l permission -d 'A permission the key\'s client must hold (repeatable; all must hold)' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from verify" -l ip -d 'The caller\'s IP address, checked against the key\'s --allow-ip list' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from verify" -l key -d 'The key (for tests; prefer standard input, which stays out of shell history)' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from verify" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from verify" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from verify" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from verify" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "create" -d 'Issue a new API key for a client (the secret is printed once)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "list" -d 'List keys (never their secrets)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one key\'s details'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a key for good (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Issue a replacement key; the old one expires after the grace period'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable a key until it is enabled again (unlike revoke)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enable a disabled key'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "import" -d 'Store keys from another system (hashes only); one per line, or a JSON array'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "expiring" -d 'List live keys that expire within a duration (for cron jobs)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "stale" -d 'List live keys not used for a duration (never used counts from creation)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Check a key\'s format and checksum offline (no store needed)'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Verify a key read from standard input: exit 0 if valid, 5 if not'
complete -c apikey -n "__fish_apikey_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -f -a "add" -d 'Define a permission, named resource:action'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -f -a "list" -d 'List permissions and the roles that grant them'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -f -a "ls" -d 'List permissions and the roles that grant them'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -f -a "show" -d 'Show one permission'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -f -a "remove" -d 'Remove a permission (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -f -a "rm" -d 'Remove a permission (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and not __fish_seen_subcommand_from add list ls show remove rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from add" -s d -l description -d 'What it allows' -r
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from add" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from add" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from add" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from add" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from list" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from list" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from list" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from list" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from ls" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from ls" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from ls" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from ls" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from show" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from show" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from show" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from show" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from remove" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from remove" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from remove" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from remove" -l force -d 'Also revoke it from the roles that grant it'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from rm" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from rm" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from rm" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from rm" -l force -d 'Also revoke it from the roles that grant it'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from rm" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from help" -f -a "add" -d 'Define a permission, named resource:action'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from help" -f -a "list" -d 'List permissions and the roles that grant them'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one permission'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a permission (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand permission; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -f -a "add" -d 'Define a role, optionally with permissions'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -f -a "list" -d 'List roles'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -f -a "ls" -d 'List roles'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -f -a "show" -d 'Show a role: its permissions and the clients and users that hold it'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -f -a "remove" -d 'Remove a role (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -f -a "rm" -d 'Remove a role (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -f -a "grant" -d 'Grant permissions to a role (names, resource:* or *)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -f -a "revoke" -d 'Take permissions from a role'
complete -c apikey -n "__fish_apikey_using_subcommand role; and not __fish_seen_subcommand_from add list ls show remove rm grant revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from add" -s d -l description -d 'What the role is for' -r
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from add" -s p -l permission -d 'Grant this permission, resource:* or * (repeatable)' -r
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from add" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from add" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from add" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from add" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from list" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from list" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from list" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from list" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from ls" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from ls" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from ls" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from ls" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from show" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from show" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from show" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from show" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from remove" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from remove" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from remove" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from remove" -l force -d 'Also take it from the clients and users that hold it'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from rm" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from rm" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from rm" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from rm" -l force -d 'Also take it from the clients and users that hold it'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from rm" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from grant" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from grant" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from grant" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from grant" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from grant" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from grant" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from grant" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from revoke" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from revoke" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from revoke" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from revoke" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "add" -d 'Define a role, optionally with permissions'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "list" -d 'List roles'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a role: its permissions and the clients and users that hold it'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a role (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "grant" -d 'Grant permissions to a role (names, resource:* or *)'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Take permissions from a role'
complete -c apikey -n "__fish_apikey_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "add" -d 'Add an operator; the password is prompted for (or read with --password-stdin)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "list" -d 'List users'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "ls" -d 'List users'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "show" -d 'Show a user'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "disable" -d 'Disable a user: they cannot log in until enabled'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "enable" -d 'Enable a disabled user'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "passwd" -d 'Set a user\'s password'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "remove" -d 'Remove a user (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "rm" -d 'Remove a user (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "grant" -d 'Give a user one or more roles'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "revoke" -d 'Take one or more roles from a user'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "verify" -d 'Check a login: exit 0 with roles and permissions, 5 if refused'
complete -c apikey -n "__fish_apikey_using_subcommand user; and not __fish_seen_subcommand_from add list ls show disable enable passwd remove rm grant revoke verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from add" -s n -l name -d 'Display name' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from add" -s r -l role -d 'Give the user this role (repeatable)' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from add" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from add" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from add" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from add" -l password-stdin -d 'Read the password from the first line of standard input'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from add" -l no-password -d 'Add the user without a password; they cannot log in until \'user passwd\''
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from add" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from list" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from list" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from list" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from list" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from ls" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from ls" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from ls" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from ls" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from show" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from show" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from show" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from show" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from disable" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from disable" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from disable" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from disable" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from enable" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from enable" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from enable" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from enable" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from passwd" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from passwd" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from passwd" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from passwd" -l password-stdin -d 'Read the password from the first line of standard input'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from passwd" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from passwd" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from passwd" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from passwd" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from remove" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from remove" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from remove" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from rm" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from rm" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from rm" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from rm" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from grant" -s r -l role -d 'Role to give (repeatable)' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from grant" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from grant" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from grant" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from grant" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from grant" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from grant" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from grant" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from revoke" -s r -l role -d 'Role to take (repeatable)' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from revoke" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from revoke" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from revoke" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from revoke" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from verify" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from verify" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from verify" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from verify" -l password-stdin -d 'Read the password from the first line of standard input'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from verify" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an operator; the password is prompted for (or read with --password-stdin)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a user'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable a user: they cannot log in until enabled'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enable a disabled user'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "passwd" -d 'Set a user\'s password'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a user (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "grant" -d 'Give a user one or more roles'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Take one or more roles from a user'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a login: exit 0 with roles and permissions, 5 if refused'
complete -c apikey -n "__fish_apikey_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l since -d 'Only events since a time (RFC 3339 with an offset, YYYY-MM-DD) or for a duration back (24h, 7d)' -r
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l action -d 'Only this action (key.revoke) or family (key)' -r
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l target -d 'Only events about this target (a client, key id, role, email...)' -r
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l by -d 'Only events by this actor (the global --actor names who acts, not whom to show)' -r
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l limit -d 'Only the most recent N events' -r
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -f -a "verify" -d 'Check the hash chain; exit 1 naming the first altered or missing event'
complete -c apikey -n "__fish_apikey_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand audit; and __fish_seen_subcommand_from verify" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand audit; and __fish_seen_subcommand_from verify" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand audit; and __fish_seen_subcommand_from verify" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand audit; and __fish_seen_subcommand_from verify" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand audit; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check the hash chain; exit 1 naming the first altered or missing event'
complete -c apikey -n "__fish_apikey_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand apply" -l secrets-out -d 'Write new secrets to this new owner-only file instead of standard output' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand apply" -l file-format -d 'The file\'s syntax [default: from the extension, else guessed]' -r -f -a "json\t'JSON'
toml\t'TOML'"
complete -c apikey -n "__fish_apikey_using_subcommand apply" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand apply" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand apply" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand apply" -l dry-run -d 'Print the plan without changing the store'
complete -c apikey -n "__fish_apikey_using_subcommand apply" -l prune -d 'Also remove what the file does not name (revokes surplus keys)'
complete -c apikey -n "__fish_apikey_using_subcommand apply" -l allow-empty -d 'With --prune, accept a file that declares nothing (removes everything)'
complete -c apikey -n "__fish_apikey_using_subcommand apply" -s y -l yes -d 'Do not ask before pruning (required without a terminal)'
complete -c apikey -n "__fish_apikey_using_subcommand apply" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand apply" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand apply" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand diff" -l file-format -d 'The file\'s syntax [default: from the extension, else guessed]' -r -f -a "json\t'JSON'
toml\t'TOML'"
complete -c apikey -n "__fish_apikey_using_subcommand diff" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand diff" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand diff" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand diff" -l exit-code -d 'Exit 1 when there is drift, as \'git diff --exit-code\''
complete -c apikey -n "__fish_apikey_using_subcommand diff" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand diff" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand diff" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand export" -l file-format -d 'Syntax to write [default: from the extension, else JSON]' -r -f -a "json\t'JSON'
toml\t'TOML'"
complete -c apikey -n "__fish_apikey_using_subcommand export" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand export" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand export" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand export" -l force -d 'Replace FILE if it exists (it is replaced whole, never half-written)'
complete -c apikey -n "__fish_apikey_using_subcommand export" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand export" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand export" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand backup" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand backup" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand backup" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand backup" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand backup" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand backup" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand restore" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand restore" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand restore" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand restore" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c apikey -n "__fish_apikey_using_subcommand restore" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand restore" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand restore" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand scan" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand scan" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand scan" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand scan" -l revoke -d 'Revoke the live keys found (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand scan" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c apikey -n "__fish_apikey_using_subcommand scan" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand scan" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand scan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand scan" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand completions" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand completions" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand completions" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand completions" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand completions" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand completions" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand config; and not __fish_seen_subcommand_from show help" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand config; and not __fish_seen_subcommand_from show help" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand config; and not __fish_seen_subcommand_from show help" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand config; and not __fish_seen_subcommand_from show help" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand config; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand config; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Print each effective setting and its source: flag, environment, config file ($XDG_CONFIG_HOME/apikey/config.toml, or APIKEY_CONFIG) or default'
complete -c apikey -n "__fish_apikey_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand config; and __fish_seen_subcommand_from show" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand config; and __fish_seen_subcommand_from show" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand config; and __fish_seen_subcommand_from show" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print each effective setting and its source: flag, environment, config file ($XDG_CONFIG_HOME/apikey/config.toml, or APIKEY_CONFIG) or default'
complete -c apikey -n "__fish_apikey_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand man" -l out-dir -d 'Write apikey.1 and one page per subcommand into this directory (new files: existing pages are refused without --force; links are never followed)' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand man" -l db -d 'Store file [default: the platform data directory, e.g. ~/.local/share/apikey/apikey.db]' -r -F
complete -c apikey -n "__fish_apikey_using_subcommand man" -l format -d 'Output format: table for people, json for scripts, csv for lists' -r -f -a "table\t'A table on a terminal, plain aligned text otherwise'
json\t'JSON: an array for lists, an object otherwise'
csv\t'Comma-separated values with a header row'"
complete -c apikey -n "__fish_apikey_using_subcommand man" -l actor -d 'Who the audit log names for changes [env: APIKEY_ACTOR; default: the OS user]' -r
complete -c apikey -n "__fish_apikey_using_subcommand man" -l force -d 'Replace existing pages in --out-dir'
complete -c apikey -n "__fish_apikey_using_subcommand man" -l json -d 'Print JSON for scripts (same as --format json)'
complete -c apikey -n "__fish_apikey_using_subcommand man" -s q -l quiet -d 'Print only what scripts need on stdout: a new key\'s secret, or lists'
complete -c apikey -n "__fish_apikey_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c apikey -n "__fish_apikey_using_subcommand man" -s V -l version -d 'Print version'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "init" -d 'Create the store (if missing) and print its path'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "client" -d 'Register and manage clients (the applications that call the API)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "key" -d 'Issue, list, revoke, rotate, verify and import API keys'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "permission" -d 'Define permissions (resource:action)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "role" -d 'Group permissions into roles held by clients and users'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "user" -d 'Manage operators who log in with email and password'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "audit" -d 'List the audit log, or check that it was not tampered with'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "apply" -d 'Make the store match a declarative file (permissions, roles, clients, keys, users)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "diff" -d 'Show drift between a declarative file and the store, both ways'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "export" -d 'Write the store\'s state in the format \'apply\' reads (no secrets, no hashes)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "backup" -d 'Copy the live store to a new file (safe while other processes write)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "restore" -d 'Replace the store with a backup, after checking its integrity and version'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "scan" -d 'Find leaked keys in files and say which are live in this store'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "completions" -d 'Print a shell completion script'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "config" -d 'Show the effective settings (db, format, actor) and where each comes from'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "man" -d 'Print the man page, or write one per subcommand into a directory'
complete -c apikey -n "__fish_apikey_using_subcommand help; and not __fish_seen_subcommand_from init client key permission role user audit apply diff export backup restore scan completions config man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "add" -d 'Add a client and issue its first API key (printed once)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "list" -d 'List clients'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "show" -d 'Show a client and its keys'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "update" -d 'Change a client\'s description or name'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "disable" -d 'Disable a client: its keys answer DISABLED until it is enabled'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "enable" -d 'Enable a disabled client'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "grant" -d 'Give a client one or more roles; its keys act with them'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "revoke" -d 'Take one or more roles from a client'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "remove" -d 'Remove a client and all its keys (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "create" -d 'Issue a new API key for a client (the secret is printed once)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "list" -d 'List keys (never their secrets)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "show" -d 'Show one key\'s details'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "revoke" -d 'Revoke a key for good (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "rotate" -d 'Issue a replacement key; the old one expires after the grace period'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "disable" -d 'Disable a key until it is enabled again (unlike revoke)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "enable" -d 'Enable a disabled key'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "import" -d 'Store keys from another system (hashes only); one per line, or a JSON array'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "expiring" -d 'List live keys that expire within a duration (for cron jobs)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "stale" -d 'List live keys not used for a duration (never used counts from creation)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "inspect" -d 'Check a key\'s format and checksum offline (no store needed)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "verify" -d 'Verify a key read from standard input: exit 0 if valid, 5 if not'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from permission" -f -a "add" -d 'Define a permission, named resource:action'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from permission" -f -a "list" -d 'List permissions and the roles that grant them'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from permission" -f -a "show" -d 'Show one permission'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from permission" -f -a "remove" -d 'Remove a permission (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "add" -d 'Define a role, optionally with permissions'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "list" -d 'List roles'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "show" -d 'Show a role: its permissions and the clients and users that hold it'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "remove" -d 'Remove a role (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "grant" -d 'Grant permissions to a role (names, resource:* or *)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "revoke" -d 'Take permissions from a role'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "add" -d 'Add an operator; the password is prompted for (or read with --password-stdin)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List users'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "show" -d 'Show a user'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "disable" -d 'Disable a user: they cannot log in until enabled'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "enable" -d 'Enable a disabled user'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "passwd" -d 'Set a user\'s password'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "remove" -d 'Remove a user (asks for confirmation)'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "grant" -d 'Give a user one or more roles'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "revoke" -d 'Take one or more roles from a user'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "verify" -d 'Check a login: exit 0 with roles and permissions, 5 if refused'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Check the hash chain; exit 1 naming the first altered or missing event'
complete -c apikey -n "__fish_apikey_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print each effective setting and its source: flag, environment, config file ($XDG_CONFIG_HOME/apikey/config.toml, or APIKEY_CONFIG) or default'
