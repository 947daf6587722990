# bash completion for wirediff(1)                          -*- shell-script -*-
#
# Options (the value of those that take one: export formats, colour and
# theme choices, files for -o, --config and --script, folders for
# --save-pages), then files and folders.  Works with the bash-completion
# package (installed in its completions folder by make install) and
# without it (source this file).

_wirediff()
{
    # the word being typed, whole (--export=ht), and the one before it
    local line=${COMP_LINE:0:COMP_POINT}
    local cur=${line##*[[:space:]]}
    local before=${line%"$cur"}
    before=${before%"${before##*[![:space:]]}"}
    local prev=${before##*[[:space:]]}
    local opt="" val="" eq=""
    if [[ $cur == --*=* ]]; then
        opt=${cur%%=*} val=${cur#*=}
        # bash completes the part after '=' when '=' breaks words
        [[ $COMP_WORDBREAKS == *=* ]] || eq="$opt="
    else
        case $prev in
        --export | -o | --output | -w | --width | --timestamp | --theme | --config | \
            --script | --input | --save-pages | --timeout | --max-page-size | --order)
            opt=$prev val=$cur
            ;;
        esac
    fi

    local IFS=$'\n'
    case $opt in
    --export)
        COMPREPLY=($(compgen -P "$eq" -W $'html\nmd\ntext\nansi\ninline\njson' -- "$val"))
        return
        ;;
    --color | --colour)
        COMPREPLY=($(compgen -P "$eq" -W $'auto\nalways\nnever' -- "$val"))
        return
        ;;
    --theme)
        COMPREPLY=($(compgen -P "$eq" -W $'auto\ndark\nlight' -- "$val"))
        return
        ;;
    --input)
        COMPREPLY=($(compgen -P "$eq" -W $'auto\ntext\nhtml' -- "$val"))
        return
        ;;
    --order)
        COMPREPLY=($(compgen -P "$eq" -W $'args\nname\nmtime\nmeta' -- "$val"))
        return
        ;;
    -o | --output | --config | --script)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -P "$eq" -f -- "$val"))
        return
        ;;
    --save-pages)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -P "$eq" -d -- "$val"))
        return
        ;;
    -w | --width | --timestamp | --timeout | --max-page-size)
        COMPREPLY=()
        return
        ;;
    esac

    if [[ $cur == -* ]]; then
        local opts=$'--export=\n--output=\n--force\n--timestamp=\n--width=\n--no-words\n--words\n--fold\n--fold=\n--no-fold\n--sentences\n--overlap\n--jsonl\n--digest\n--no-digest\n--stat\n--extract\n--color\n--color=\n--theme=\n--no-pager\n--config=\n--no-config\n--exit-code\n--input=\n--save-pages=\n--timeout=\n--max-page-size=\n--minimal\n--no-moves\n--strict\n--text\n--script=\n--timeline\n--order=\n--git\n--help\n--version\n-o\n-w\n-t\n-h\n-V'
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        # an option that takes a value: no space after its '='
        [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
        return
    fi
    # files, folders, and - for standard input
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _wirediff wirediff
