# bash completion for stargrade(1)                          -*- shell-script -*-
#
# Installed as share/bash-completion/completions/stargrade, where bash-completion
# loads it on demand; or source it from ~/.bashrc. It needs no helper from the
# bash-completion package.

# The options of each subcommand, and which of them take a value.
_stargrade_options() {
    case $1 in
        grade)
            echo "--rubric --json --csv --html --markdown --junit --jsonl --format --fail-under --question" \
                 "--jobs -j --max-bytes --quiet -q --glob --exclude --text-field --column-map --input-format" \
                 "--shard --baseline --tolerance --progress --no-progress --help -h" ;;
        check) echo "--help -h" ;;
        explain) echo "--rubric --question --color --width --help -h" ;;
        calibrate) echo "--labels --shrink --rubric --output -o --folds --jobs -j --help -h" ;;
        schema) echo "--help -h" ;;
        diff) echo "--tolerance --format --output -o --color --help -h" ;;
        trend) echo "--rubric --candidate --question --csv --format --color --jobs -j --help -h" ;;
        merge) echo "--json --csv --allow-partial --help -h" ;;
        "") echo "--help -h --version" ;;
    esac
}

# Options whose value is a file: completed with file names.
_stargrade_file_option() {
    case $1:$2 in
        grade:--rubric | grade:--json | grade:--csv | grade:--html | grade:--markdown | grade:--junit | \
        grade:--jsonl | grade:--baseline | grade:--column-map | \
        explain:--rubric | calibrate:--labels | calibrate:--rubric | calibrate:--output | calibrate:-o | \
        diff:--output | diff:-o | trend:--rubric | trend:--csv | merge:--json | merge:--csv)
            return 0 ;;
    esac
    return 1
}

# Options with a fixed set of values: prints them.
_stargrade_option_values() {
    case $1:$2 in
        grade:--format) echo "text json csv html markdown junit jsonl" ;;
        diff:--format) echo "text json markdown" ;;
        trend:--format) echo "text csv" ;;
        *:--color) echo "auto always never" ;;
        grade:--input-format) echo "auto text md txt jsonl ndjson csv" ;;
        *) return 1 ;;
    esac
}

# Options that take a value that cannot be completed (a number, a pattern, an id).
_stargrade_value_option() {
    case $2 in
        --fail-under | --jobs | -j | --max-bytes | --glob | --exclude | --text-field | --shard | \
        --tolerance | --shrink | --folds | --width | --candidate | --question)
            return 0 ;;
    esac
    return 1
}

# The question ids of a rubric: the ids of the items of its top-level
# questions list (not those of their expected elements, which are deeper).
_stargrade_question_ids() {
    [ -r "$1" ] || return 0
    awk '
        function value(v) { sub(/[ ]*(#.*)?$/, "", v); gsub(/^["\047]|["\047]$/, "", v); return v }
        /^[A-Za-z_"\047]/ { inq = ($0 ~ /^questions:/); item = -1; next }
        !inq || /^[ ]*(#|$)/ { next }
        {
            match($0, /^ */); indent = RLENGTH
            if (item < 0 && $0 ~ /^ *- /) item = indent
            v = ""
            if (indent == item && $0 ~ /^ *- *\{ *id:/) { v = $0; sub(/^ *- *\{ *id: */, "", v); sub(/[,}].*$/, "", v) }
            else if (indent == item && $0 ~ /^ *- id:/) { v = $0; sub(/^ *- id: */, "", v) }
            else if (indent == item + 2 && $0 ~ /^ *id:/) { v = $0; sub(/^ *id: */, "", v) }
            v = value(v)
            if (v != "") print v
        }
    ' "$1" 2>/dev/null
}

# The rubric a command line uses: --rubric, else $STARGRADE_RUBRIC, else the one
# installed beside the stargrade found on PATH.
_stargrade_rubric_of() {
    local i
    for ((i = 1; i < ${#words[@]}; i++)); do
        case ${words[i]} in
            --rubric) [ -n "${words[i + 1]:-}" ] && [ "${words[i + 1]}" != "=" ] && { echo "${words[i + 1]}"; return; }
                      [ "${words[i + 1]:-}" = "=" ] && { echo "${words[i + 2]:-}"; return; } ;;
            --rubric=*) echo "${words[i]#--rubric=}"; return ;;
        esac
    done
    if [ -n "${STARGRADE_RUBRIC:-}" ]; then echo "$STARGRADE_RUBRIC"; return; fi
    local exe
    exe=$(command -v stargrade 2>/dev/null) || return 0
    echo "${exe%/*}/../share/stargrade/rubrics/tpm.yaml"
}

# Adds the files (and folders, to walk into) matching $cur to COMPREPLY; given
# patterns (*.json), only the files whose name matches one of them.
_stargrade_files() {
    local item pattern
    compopt -o filenames 2>/dev/null || true
    local IFS=$'\n'
    if [ $# -eq 0 ]; then
        for item in $(compgen -f -- "$cur"); do COMPREPLY+=("$item"); done
        return 0
    fi
    for item in $(compgen -d -- "$cur"); do COMPREPLY+=("$item"); done
    for pattern in "$@"; do
        for item in $(compgen -f -X "!$pattern" -- "$cur"); do [ -d "$item" ] || COMPREPLY+=("$item"); done
    done
}

__stargrade_main() {
    local cur prev words cword
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
    cur=${words[cword]:-}
    prev=${words[cword - 1]:-}
    COMPREPLY=()

    # --option=value: bash splits at '=' (COMP_WORDBREAKS), giving "--option" "=" "value".
    if [ "$cur" = "=" ]; then
        cur=""
    elif [ "$prev" = "=" ] && [ "$cword" -ge 2 ]; then
        prev=${words[cword - 2]}
    fi
    if [ "${words[cword]:-}" = "=" ] || [ "${words[cword - 1]:-}" = "=" ]; then
        case $prev in
            -*) ;;
            *) return 0 ;;
        esac
    fi
    # --option=value in one word (COMP_WORDBREAKS without '='): the replies keep the prefix.
    if [[ $cur == --*=* ]]; then
        prefix=${cur%%=*}=
        prev=${cur%%=*}
        cur=${cur#*=}
    fi

    # The subcommand: the first word that is not an option.
    local i sub="" positionals=0
    local -a subcommands=(grade check explain calibrate schema diff trend merge)
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            -* | =) continue ;;
        esac
        if [ -z "$sub" ]; then
            sub=${words[i]}
            continue
        fi
        # After the subcommand, count positionals, skipping option values.
        local before=${words[i - 1]} opt=""
        [ "$before" = "=" ] && continue
        case $before in
            -*) opt=$before ;;
        esac
        if [ -n "$opt" ] && { _stargrade_file_option "$sub" "$opt" || _stargrade_value_option "$sub" "$opt" ||
                              _stargrade_option_values "$sub" "$opt" >/dev/null; }; then
            continue
        fi
        positionals=$((positionals + 1))
    done

    if [ -z "$sub" ]; then
        if [[ $cur == -* ]]; then
            mapfile -t COMPREPLY < <(compgen -W "$(_stargrade_options "")" -- "$cur")
        else
            mapfile -t COMPREPLY < <(compgen -W "${subcommands[*]}" -- "$cur")
        fi
        return 0
    fi

    # The value of an option.
    local values
    if [[ $prev == -* ]]; then
        if values=$(_stargrade_option_values "$sub" "$prev"); then
            mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
            return 0
        fi
        if _stargrade_file_option "$sub" "$prev"; then
            case $sub:$prev in
                grade:--rubric | explain:--rubric | calibrate:--rubric | trend:--rubric | calibrate:--labels)
                    _stargrade_files '*.yaml' '*.yml' ;;
                grade:--baseline) _stargrade_files '*.json' ;;
                *) _stargrade_files ;;
            esac
            return 0
        fi
        if [ "$prev" = "--question" ]; then
            mapfile -t COMPREPLY < <(compgen -W "$(_stargrade_question_ids "$(_stargrade_rubric_of)")" -- "$cur")
            return 0
        fi
        if _stargrade_value_option "$sub" "$prev"; then
            return 0
        fi
    fi

    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_stargrade_options "$sub")" -- "$cur")
        return 0
    fi

    # Positional arguments.
    case $sub in
        schema)
            [ "$positionals" -eq 0 ] && mapfile -t COMPREPLY < <(compgen -W "rubric report" -- "$cur") ;;
        check) _stargrade_files '*.yaml' '*.yml' ;;
        diff)
            [ "$positionals" -lt 2 ] && _stargrade_files '*.json' ;;
        merge) _stargrade_files '*.json' ;;
        explain)
            [ "$positionals" -eq 0 ] && _stargrade_files ;;
        grade | calibrate | trend) _stargrade_files ;;
    esac
    return 0
}

_stargrade() {
    local prefix=""
    __stargrade_main
    if [ -n "$prefix" ] && [ ${#COMPREPLY[@]} -gt 0 ]; then
        COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
    fi
    return 0
}

complete -F _stargrade stargrade
