echo -n "no newline"; echo
echo -e 'tab\there'
echo -- -dashes
printf '%s=%d\n' a 1 b 2
printf '%-5s|%5s|\n' ab cd
printf '%05.1f %x %o %X %c\n' 3.14159 255 8 255 hello
printf '%%literal\n'
printf 'no args\n'
printf '%s\n'
printf '%b\n' 'a\nb'
