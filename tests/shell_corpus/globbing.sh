mkdir g && cd g
touch a.txt b.txt c.md .hidden
echo *.txt
echo *
echo .*
echo [ab]*
echo ?.md
echo nomatch*
echo "*.txt"
set -f; echo *; set +f
mkdir sub; touch sub/x.txt
echo */*.txt
echo *[!t]
