parse() {
  OPTIND=1
  while getopts "ab:c" opt; do
    case $opt in
      a) echo "flag a" ;;
      b) echo "b=$OPTARG" ;;
      c) echo "flag c" ;;
      ?) echo "bad" ;;
    esac
  done
  shift $((OPTIND - 1))
  echo "rest: $*"
}
parse -a -b val file1 file2
parse -acb x -- -notopt
parse plain
x=$(cat <<EOF
from heredoc in subst
EOF
); echo "$x"
cat <<A; cat <<B
first
A
second
B
v="1+2"; echo $((v * 2))
