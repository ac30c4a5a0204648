id -u
id -g
id -un
whoami
