touch f; mkdir d
chmod 600 f; stat -c '%a %n' f
chmod u+x,g+r f; stat -c '%a' f
chmod -R 700 d; stat -c '%a %F' d
chmod a-w f; stat -c '%A' f
chmod 4755 f; stat -c '%a %A' f
echo data > s; stat -c '%s' s
[ -x f ] && echo executable
