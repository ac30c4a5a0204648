for v in 10 abc A1 -x ''; do
  case $v in
    [0-9]*) echo "$v: number" ;;
    [a-z]*) echo "$v: lower" ;;
    [A-Z][0-9]) echo "$v: code" ;;
    -*) echo "$v: option" ;;
    *) echo "other" ;;
  esac
done
x=hello
case $x in h*o) echo match1;; esac
case $x in "h*o") echo match2;; *) echo nomatch2;; esac
pat='h*'; case $x in $pat) echo match3;; esac
case "a|b" in "a|b") echo literal-pipe;; esac
