//! Base packages of the apt-based images, continued: tools and their configuration (columns bookworm | noble | jammy).

/// The second half of [`super::debian_data::BASE`].
pub(crate) const BASE_TOOLS: &str = r#"
@ debconf 1.5.82|1.5.86ubuntu1|1.5.79ubuntu1
d Debian configuration management system
s admin
p required
a all
f /usr/bin/debconf 2.8K
f /usr/bin/debconf-apt-progress 12K
f /usr/bin/debconf-communicate 611
f /usr/bin/debconf-copydb 1.7K
f /usr/bin/debconf-escape 663
f /usr/bin/debconf-set-selections 2.9K
f /usr/bin/debconf-show 1.8K
f /usr/sbin/dpkg-preconfigure 5.7K
f /usr/sbin/dpkg-reconfigure 8.2K
f /usr/share/perl5/Debconf/Config.pm 19K
f /usr/share/perl5/Debconf/ConfModule.pm 17K
f /usr/share/perl5/Debconf/Template.pm 19K
f /usr/share/perl5/Debconf/Db.pm 4.2K
f /usr/share/perl5/Debconf/DbDriver/File.pm 5.1K
f /usr/share/perl5/Debconf/FrontEnd/Noninteractive.pm 1.2K
f /usr/share/perl5/Debconf/Element/Noninteractive.pm 700
f /usr/share/debconf/confmodule 2.6K
x /etc/debconf.conf # This is the main config file for debconf.\nConfig: configdb\nTemplates: templatedb\n
f /var/cache/debconf/config.dat 9.2K
f /var/cache/debconf/templates.dat 618K
f /var/cache/debconf/passwords.dat 0 0600

@ debianutils 5.7-0.5~deb12u1|5.17build1|5.5-1ubuntu2
d Miscellaneous utilities specific to Debian
s utils
p required
e
f /usr/bin/ischroot 15K
f /usr/bin/run-parts 27K
f /usr/bin/savelog 10K
f /usr/bin/tempfile 15K
f /usr/bin/which.debianutils 946
L /usr/bin/which /etc/alternatives/which
L /etc/alternatives/which /usr/bin/which.debianutils
f /usr/sbin/add-shell 1.3K
f /usr/sbin/installkernel 2.4K
f /usr/sbin/remove-shell 1K
f /usr/sbin/update-shells 4.1K
x /etc/shells # /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/rbash\n/usr/bin/rbash\n/bin/dash\n/usr/bin/dash\n

@ dash 0.5.12-2|0.5.12-6ubuntu5|0.5.11+git20210903+057cd650a4ed-3build1
d POSIX-compliant shell
s shells
p required
e
dep debianutils
f /usr/bin/dash 121K
L /usr/bin/sh dash

@ bash 5.2.15-2+b7|5.2.21-2ubuntu4|5.1-6ubuntu1.1
d GNU Bourne Again SHell
s shells
p required
e
dep base-files debianutils
f /usr/bin/bash 1.21M
L /usr/bin/rbash bash
f /usr/bin/bashbug 7.1K
f /usr/bin/clear_console 15K
t /etc/bash.bashrc BASH_BASHRC
t /etc/skel/.bashrc SKEL_BASHRC

@ coreutils 9.1-1|9.4-3ubuntu6|8.32-4.1ubuntu1.2
d GNU core utilities
s utils
p required
e

@ tar 1.34+dfsg-1.2+deb12u1|1.35+dfsg-3build1|1.34+dfsg-1ubuntu0.1.22.04.2
d GNU version of the tar archiving utility
s utils
p required
e
f /usr/bin/tar 523K
f /usr/sbin/rmt-tar 59K
f /usr/sbin/tarcat 936
f /usr/lib/mime/packages/tar 110

@ gzip 1.12-1|1.12-1ubuntu3|1.10-4ubuntu4.1
d GNU compression utilities
s utils
p required
e
f /usr/bin/gzip 95K
f /usr/bin/gunzip 2.3K
f /usr/bin/gzexe 6.3K
f /usr/bin/uncompress 2.3K
f /usr/bin/zcat 1.9K
f /usr/bin/zcmp 1.7K
f /usr/bin/zdiff 6.4K
f /usr/bin/zegrep 29
f /usr/bin/zfgrep 29
f /usr/bin/zforce 2.1K
f /usr/bin/zgrep 8K
f /usr/bin/zless 2.2K
f /usr/bin/zmore 1.8K
f /usr/bin/znew 4.5K

@ grep 3.8-5|3.11-4build1|3.7-1build1
d GNU grep, egrep and fgrep
s utils
p required
e
dep dpkg
f /usr/bin/grep 199K
f /usr/bin/egrep 41
f /usr/bin/fgrep 41
f /usr/bin/rgrep 30

@ sed 4.9-1|4.9-2build1|4.8-1ubuntu2
d GNU stream editor for filtering/transforming text
s utils
p required
e
f /usr/bin/sed 119K

@ findutils 4.9.0-4|4.9.0-5build1|4.8.0-1ubuntu3
d utilities for finding files--find, xargs
s utils
p required
e
f /usr/bin/find 220K
f /usr/bin/xargs 63K

@ diffutils 1:3.8-4|1:3.10-1build1|1:3.8-0ubuntu2
d File comparison utilities
s utils
p required
e
f /usr/bin/diff 215K
f /usr/bin/cmp 43K
f /usr/bin/diff3 63K
f /usr/bin/sdiff 51K

@ mawk 1.3.4.20200120-3.1|1.3.4.20240123-1build1|1.3.4.20200120-3
d Pattern scanning and text processing language
s interpreters
p required
f /usr/bin/mawk 155K
L /usr/bin/awk /etc/alternatives/awk
L /etc/alternatives/awk /usr/bin/mawk
L /usr/bin/nawk /etc/alternatives/nawk
L /etc/alternatives/nawk /usr/bin/mawk

@ hostname 3.23+nmu1|3.23+nmu2ubuntu2|3.23ubuntu2
d utility to set/show the host name or domain name
s admin
p required
e
f /usr/bin/hostname 23K
L /usr/bin/dnsdomainname hostname
L /usr/bin/domainname hostname
L /usr/bin/nisdomainname hostname
L /usr/bin/ypdomainname hostname

@ ncurses-base 6.4-4|6.4+20240113-1ubuntu2|6.3-2ubuntu0.1
d basic terminal type definitions
s misc
p required
e
a all
f /usr/share/terminfo/l/linux 1.8K
f /usr/share/terminfo/x/xterm 3.8K
f /usr/share/terminfo/x/xterm-256color 3.8K
f /usr/share/terminfo/v/vt100 1.2K
f /usr/share/terminfo/d/dumb 308
f /usr/share/terminfo/s/screen 1.6K
f /usr/share/terminfo/s/screen-256color 1.9K
f /usr/share/tabset/vt100 160
f /lib/terminfo/x/xterm-color 1.5K
f /usr/share/terminfo/E/Eterm 2.2K
f /usr/share/terminfo/a/ansi 1.5K
f /usr/share/terminfo/c/cons25 1.5K
f /usr/share/terminfo/h/hurd 1.5K
f /usr/share/terminfo/m/mach 600
f /usr/share/terminfo/p/pcansi 1.2K
f /usr/share/terminfo/r/rxvt 2.1K
f /usr/share/terminfo/s/sun 1.1K
f /usr/share/terminfo/t/tmux 2.2K

@ ncurses-bin 6.4-4|6.4+20240113-1ubuntu2|6.3-2ubuntu0.1
d terminal-related programs and man pages
s utils
p required
e
dep libc6 libtinfo6
f /usr/bin/clear 15K
f /usr/bin/infocmp 63K
f /usr/bin/tabs 19K
f /usr/bin/tic 91K
f /usr/bin/toe 23K
f /usr/bin/tput 27K
f /usr/bin/tset 27K
L /usr/bin/captoinfo tic
L /usr/bin/infotocap tic
L /usr/bin/reset tset

@ bsdutils 1:2.38.1-5+deb12u1|1:2.39.3-9ubuntu6.1|1:2.37.2-4ubuntu3.4
d basic utilities from 4.4BSD-Lite
s utils
p required
e
f /usr/bin/logger 51K
f /usr/bin/renice 15K
f /usr/bin/script 55K
f /usr/bin/scriptlive 43K
f /usr/bin/scriptreplay 35K
f /usr/bin/wall 27K

@ util-linux 2.38.1-5+deb12u1|2.39.3-9ubuntu6.1|2.37.2-4ubuntu3.4
d miscellaneous system utilities
s utils
p required
e
dep libblkid1 libc6 libcap-ng0 libcrypt1 libmount1 libpam0g libselinux1 libsmartcols1 libsystemd0 libtinfo6 libudev1 libuuid1
f /usr/bin/dmesg 79K
f /usr/bin/lsblk 140K
f /usr/bin/more 51K
f /usr/bin/mountpoint 19K
f /usr/bin/findmnt 71K
f /usr/bin/chrt 27K
f /usr/bin/choom 19K
f /usr/bin/fallocate 27K
f /usr/bin/flock 27K
f /usr/bin/getopt 19K
f /usr/bin/hardlink 39K
f /usr/bin/ionice 19K
f /usr/bin/ipcmk 19K
f /usr/bin/ipcrm 19K
f /usr/bin/ipcs 55K
f /usr/bin/lscpu 99K
f /usr/bin/lsipc 63K
f /usr/bin/lslocks 39K
f /usr/bin/lslogins 55K
f /usr/bin/lsmem 43K
f /usr/bin/lsns 43K
f /usr/bin/mcookie 23K
f /usr/bin/mesg 15K
f /usr/bin/namei 27K
f /usr/bin/nsenter 35K
f /usr/bin/prlimit 39K
f /usr/bin/rename.ul 23K
f /usr/bin/rev 15K
f /usr/bin/setarch 27K
f /usr/bin/setpriv 47K
f /usr/bin/setsid 15K
f /usr/bin/setterm 47K
f /usr/bin/taskset 27K
f /usr/bin/uclampset 23K
f /usr/bin/unshare 51K
f /usr/bin/utmpdump 23K
f /usr/bin/whereis 35K
f /usr/sbin/agetty 63K
f /usr/sbin/blkdiscard 27K
f /usr/sbin/blkid 59K
f /usr/sbin/blkzone 39K
f /usr/sbin/blockdev 35K
f /usr/sbin/chcpu 27K
f /usr/sbin/ctrlaltdel 15K
f /usr/sbin/fdisk 151K
f /usr/sbin/findfs 15K
f /usr/sbin/fsck 55K
f /usr/sbin/fsfreeze 15K
f /usr/sbin/fstrim 43K
f /usr/sbin/isosize 15K
f /usr/sbin/losetup 79K
f /usr/sbin/mkfs 15K
f /usr/sbin/mkswap 51K
f /usr/sbin/pivot_root 15K
f /usr/sbin/runuser 55K
f /usr/sbin/sfdisk 107K
f /usr/sbin/sulogin 47K
f /usr/sbin/swaplabel 19K
f /usr/sbin/swapoff 23K
f /usr/sbin/swapon 47K
f /usr/sbin/switch_root 19K
f /usr/sbin/wipefs 39K
f /usr/sbin/zramctl 59K
f /usr/lib/x86_64-linux-gnu/libfdisk.so.1.1.0 399K

@ util-linux-extra 2.38.1-5+deb12u1|-|-
d interactive login tools
s utils
dep libc6 libcrypt1 libsmartcols1 libudev1
f /usr/sbin/hwclock 71K
f /usr/sbin/readprofile 23K
f /usr/sbin/rtcwake 39K
f /usr/bin/setsid.util-linux 15K

@ mount 2.38.1-5+deb12u1|2.39.3-9ubuntu6.1|2.37.2-4ubuntu3.4
d tools for mounting and manipulating filesystems
s admin
p required
dep libc6 libmount1 libselinux1 libsmartcols1 util-linux
f /usr/bin/mount 59K 04755
f /usr/bin/umount 39K 04755
f /usr/sbin/losetup.mount 79K
f /usr/sbin/swapon.mount 47K

@ login 1:4.13+dfsg1-1+b1|1:4.13+dfsg1-4ubuntu3.2|1:4.8.1-2ubuntu2.2
d system login tools
s admin
p required
e
dep libaudit1 libc6 libcrypt1 libpam0g libpam-modules libpam-runtime
f /usr/bin/login 55K
f /usr/bin/faillog 27K
f /usr/bin/lastlog 31K
f /usr/bin/newgrp 39K 04755
f /usr/bin/su 71K 04755
f /usr/sbin/nologin 15K
x /etc/login.defs # /etc/login.defs - Configuration control definitions for the login package.\nMAIL_DIR        /var/mail\nFAILLOG_ENAB\t\tyes\nLOG_UNKFAIL_ENAB\tno\nLOG_OK_LOGINS\t\tno\nSYSLOG_SU_ENAB\t\tyes\nSYSLOG_SG_ENAB\t\tyes\nFTMP_FILE\t/var/log/btmp\nSU_NAME\t\tsu\nHUSHLOGIN_FILE\t.hushlogin\nENV_SUPATH\tPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nENV_PATH\tPATH=/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games\nTTYGROUP\ttty\nTTYPERM\t\t0600\nERASECHAR\t0177\nKILLCHAR\t025\nUMASK\t\t022\nPASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\nPASS_WARN_AGE\t7\nUID_MIN\t\t\t 1000\nUID_MAX\t\t\t60000\nSYS_UID_MIN\t\t  100\nSYS_UID_MAX\t\t  999\nGID_MIN\t\t\t 1000\nGID_MAX\t\t\t60000\nSYS_GID_MIN\t\t  100\nSYS_GID_MAX\t\t  999\nLOGIN_RETRIES\t\t5\nLOGIN_TIMEOUT\t\t60\nCHFN_RESTRICT\t\trwh\nDEFAULT_HOME\tyes\nUSERGROUPS_ENAB yes\nENCRYPT_METHOD SHA512\n
x /etc/pam.d/login # The PAM configuration file for the Shadow `login' service\n@include common-auth\n@include common-account\n@include common-session\n@include common-password\n
x /etc/pam.d/su # The PAM configuration file for the Shadow `su' service\nauth       sufficient pam_rootok.so\n@include common-auth\n@include common-account\n@include common-session\n

@ passwd 1:4.13+dfsg1-1+b1|1:4.13+dfsg1-4ubuntu3.2|1:4.8.1-2ubuntu2.2
d change and administer password and group data
s admin
p required
dep libaudit1 libc6 libcrypt1 libpam0g libselinux1 libsemanage2 libpam-modules
f /usr/bin/chage 79K 02755 0:42
f /usr/bin/chfn 71K 04755
f /usr/bin/chsh 51K 04755
f /usr/bin/expiry 31K 02755 0:42
f /usr/bin/gpasswd 87K 04755
f /usr/bin/passwd 67K 04755
f /usr/sbin/chgpasswd 63K
f /usr/sbin/chpasswd 59K
f /usr/sbin/cpgr 59K
f /usr/sbin/groupadd 71K
f /usr/sbin/groupdel 67K
f /usr/sbin/groupmod 71K
f /usr/sbin/grpck 59K
f /usr/sbin/grpconv 51K
f /usr/sbin/newusers 91K
f /usr/sbin/pwck 55K
f /usr/sbin/pwconv 47K
f /usr/sbin/useradd 147K
f /usr/sbin/userdel 95K
f /usr/sbin/usermod 139K
f /usr/sbin/vipw 63K
L /usr/sbin/vigr vipw
L /usr/sbin/cppw cpgr
x /etc/default/useradd # Default values for useradd(8)\nSHELL=/bin/sh\n
x /etc/pam.d/passwd # The PAM configuration file for the Shadow `passwd' service\n@include common-password\n
x /etc/pam.d/chpasswd # The PAM configuration file for the Shadow 'chpasswd' service\n@include common-password\n

@ adduser 3.134|3.137ubuntu1|3.118ubuntu5
d add and remove users and groups
s admin
p important
a all
dep passwd
f /usr/sbin/adduser 49K
f /usr/sbin/deluser 20K
L /usr/sbin/addgroup adduser
L /usr/sbin/delgroup deluser
f /usr/share/perl5/Debian/AdduserCommon.pm 12K
f /usr/share/perl5/Debian/AdduserLogging.pm 6.3K
f /usr/share/perl5/Debian/AdduserRetvalues.pm 1.9K
x /etc/adduser.conf # /etc/adduser.conf: `adduser' configuration.\nDSHELL=/bin/bash\nDHOME=/home\nGROUPHOMES=no\nLETTERHOMES=no\nSKEL=/etc/skel\nFIRST_SYSTEM_UID=100\nLAST_SYSTEM_UID=999\nFIRST_SYSTEM_GID=100\nLAST_SYSTEM_GID=999\nFIRST_UID=1000\nLAST_UID=59999\nFIRST_GID=1000\nLAST_GID=59999\nUSERGROUPS=yes\nUSERS_GID=100\nDIR_MODE=0700\nSETGID_HOME=no\nQUOTAUSER=\"\"\nSKEL_IGNORE_REGEX=\"dpkg-(old|new|dist|save)\"\n
x /etc/deluser.conf # /etc/deluser.conf: `deluser' configuration.\nREMOVE_HOME = 0\nREMOVE_ALL_FILES = 0\nBACKUP = 0\n

@ perl-base 5.36.0-7+deb12u1|5.38.2-3.2build2|5.34.0-3ubuntu1.3
d minimal Perl system
s perl
p required
e
dep libc6 libcrypt1
f /usr/bin/perl 3.77M
L /usr/bin/perl{v} perl
f /usr/lib/x86_64-linux-gnu/perl-base/Config.pm 3.2K
f /usr/lib/x86_64-linux-gnu/perl-base/Config_heavy.pl 55K
f /usr/lib/x86_64-linux-gnu/perl-base/Config_git.pl 409
f /usr/lib/x86_64-linux-gnu/perl-base/POSIX.pm 21K
f /usr/lib/x86_64-linux-gnu/perl-base/Socket.pm 13K
f /usr/lib/x86_64-linux-gnu/perl-base/auto/POSIX/POSIX.so 107K
f /usr/lib/x86_64-linux-gnu/perl-base/auto/Socket/Socket.so 43K
f /usr/lib/x86_64-linux-gnu/perl-base/auto/List/Util/Util.so 75K
f /usr/lib/x86_64-linux-gnu/perl-base/auto/Fcntl/Fcntl.so 19K
f /usr/lib/x86_64-linux-gnu/perl-base/auto/IO/IO.so 19K
f /usr/lib/x86_64-linux-gnu/perl-base/auto/Data/Dumper/Dumper.so 51K
f /usr/lib/x86_64-linux-gnu/perl-base/auto/Cwd/Cwd.so 19K
f /usr/lib/x86_64-linux-gnu/perl-base/auto/File/Glob/Glob.so 39K
f /usr/lib/x86_64-linux-gnu/perl-base/auto/Digest/MD5/MD5.so 31K
f /usr/lib/x86_64-linux-gnu/perl-base/auto/Hash/Util/Util.so 23K
f /usr/lib/x86_64-linux-gnu/perl-base/auto/re/re.so 363K
f /usr/lib/x86_64-linux-gnu/perl-base/unicore/Name.pm 20K
f /usr/lib/x86_64-linux-gnu/perl-base/unicore/Name.pl 690K
f /usr/lib/x86_64-linux-gnu/perl-base/unicore/UCD.pl 432K
f /usr/lib/x86_64-linux-gnu/perl-base/unicore/Heavy.pl 21K
f /usr/lib/x86_64-linux-gnu/perl-base/unicore/lib.tar 1.2M
f /usr/lib/x86_64-linux-gnu/perl-base/utf8_heavy.pl 31K
f /usr/lib/x86_64-linux-gnu/perl-base/strict.pm 4.7K
f /usr/lib/x86_64-linux-gnu/perl-base/warnings.pm 48K
f /usr/lib/x86_64-linux-gnu/perl-base/Carp.pm 31K
f /usr/lib/x86_64-linux-gnu/perl-base/Exporter.pm 2.3K
f /usr/lib/x86_64-linux-gnu/perl-base/Getopt/Long.pm 48K
f /usr/lib/x86_64-linux-gnu/perl-base/File/Spec/Unix.pm 15K
f /usr/lib/x86_64-linux-gnu/perl-base/IPC/Open3.pm 13K
f /usr/lib/x86_64-linux-gnu/perl-base/Text/ParseWords.pm 3.1K
f /usr/lib/x86_64-linux-gnu/perl-base/Text/Wrap.pm 3.5K

@ dpkg 1.21.22|1.22.6ubuntu6.1|1.21.1ubuntu2.3
d Debian package management system
s admin
p required
e
dep tar
f /usr/bin/dpkg 319K
f /usr/bin/dpkg-deb 151K
f /usr/bin/dpkg-divert 147K
f /usr/bin/dpkg-maintscript-helper 21K
f /usr/bin/dpkg-query 159K
f /usr/bin/dpkg-realpath 4.5K
f /usr/bin/dpkg-split 115K
f /usr/bin/dpkg-statoverride 63K
f /usr/bin/dpkg-trigger 71K
f /usr/bin/update-alternatives 63K
f /usr/sbin/start-stop-daemon 51K
f /usr/share/dpkg/abitable 414
f /usr/share/dpkg/cputable 2.5K
f /usr/share/dpkg/ostable 2.1K
f /usr/share/dpkg/tupletable 1.7K
D /etc/dpkg/dpkg.cfg.d
x /etc/dpkg/dpkg.cfg # dpkg configuration file\n# Do not enable debsig-verify by default\nno-debsig\n\n# Log status changes and actions to a file.\nlog /var/log/dpkg.log\n
D /var/lib/dpkg/alternatives
D /var/lib/dpkg/info
D /var/lib/dpkg/parts
D /var/lib/dpkg/triggers
D /var/lib/dpkg/updates
D /etc/alternatives
f /var/log/dpkg.log 152K

@ init-system-helpers 1.65.2|1.66ubuntu1|1.62
d helper tools for all init systems
s admin
a all
dep perl-base
f /usr/bin/deb-systemd-helper 22K
f /usr/bin/deb-systemd-invoke 6.5K
f /usr/sbin/invoke-rc.d 17K
f /usr/sbin/service 9.3K
f /usr/sbin/update-rc.d 18K

@ sysvinit-utils 3.06-4|3.08-6ubuntu3|3.01-1ubuntu1
d System-V-like utilities
s admin
p required
e
dep libc6
f /usr/bin/pidof 23K
f /usr/sbin/fstab-decode 15K
f /usr/sbin/killall5 23K
f /usr/lib/lsb/init-functions 12K

@ e2fsprogs 1.47.0-2|1.47.0-2.4~exp1ubuntu4.1|1.46.5-2ubuntu1.2
d ext2/ext3/ext4 file system utilities
s admin
p required
dep logsave libblkid1 libc6 libcom-err2 libext2fs2 libss2 libuuid1
f /usr/bin/chattr 15K
f /usr/bin/lsattr 15K
f /usr/sbin/badblocks 35K
f /usr/sbin/debugfs 243K
f /usr/sbin/dumpe2fs 31K
f /usr/sbin/e2freefrag 15K
f /usr/sbin/e2fsck 352K
f /usr/sbin/e2image 43K
f /usr/sbin/e2undo 19K
f /usr/sbin/e4crypt 27K
f /usr/sbin/filefrag 15K
f /usr/sbin/mke2fs 139K
f /usr/sbin/mklost+found 15K
f /usr/sbin/resize2fs 71K
f /usr/sbin/tune2fs 115K
L /usr/sbin/fsck.ext4 e2fsck
L /usr/sbin/mkfs.ext4 mke2fs
x /etc/mke2fs.conf [defaults]\n\tbase_features = sparse_super,large_file,filetype,resize_inode,dir_index,ext_attr\n\tdefault_mntopts = acl,user_xattr\n\tblocksize = 4096\n\tinode_size = 256\n\tinode_ratio = 16384\n
x /etc/e2scrub.conf # e2scrub configuration file\n

@ logsave 1.47.0-2|1.47.0-2.4~exp1ubuntu4.1|1.46.5-2ubuntu1.2
d save the output of a command in a log file
s admin
dep libc6
f /usr/sbin/logsave 15K

@ gpgv 2.2.40-1.1|2.4.4-2ubuntu17|2.2.27-3ubuntu2.1
d GNU privacy guard - signature verification tool
s utils
p important
dep libbz2-1.0 libc6 libgcrypt20 libgpg-error0 zlib1g
f /usr/bin/gpgv 431K

@ debian-archive-keyring|ubuntu-keyring|ubuntu-keyring 2023.3+deb12u1|2023.11.28.1|2021.03.26
[0]d GnuPG archive keys of the Debian archive
[12]d GnuPG keys of the Ubuntu archive
s misc
p important
a all
[0]f /usr/share/keyrings/debian-archive-keyring.gpg 84K
[0]f /usr/share/keyrings/debian-archive-removed-keys.gpg 57K
[0]f /etc/apt/trusted.gpg.d/debian-archive-bookworm-automatic.asc 3.1K
[0]f /etc/apt/trusted.gpg.d/debian-archive-bookworm-security-automatic.asc 3.1K
[0]f /etc/apt/trusted.gpg.d/debian-archive-bookworm-stable.asc 1.9K
[12]f /usr/share/keyrings/ubuntu-archive-keyring.gpg 3.1K
[12]f /usr/share/keyrings/ubuntu-archive-removed-keys.gpg 3.2K
[12]f /usr/share/keyrings/ubuntu-master-keyring.gpg 1.2K
[12]f /etc/apt/trusted.gpg.d/ubuntu-keyring-2018-archive.gpg 2.8K

@ apt 2.6.1|2.7.14build2|2.4.13
d commandline package manager
s admin
p required
dep adduser gpgv libapt-pkg6.0 debian-archive-keyring libc6 libgcc-s1 libgnutls30 libseccomp2 libstdc++6 libsystemd0
f /usr/bin/apt 19K
f /usr/bin/apt-cache 87K
f /usr/bin/apt-cdrom 27K
f /usr/bin/apt-config 27K
f /usr/bin/apt-get 51K
f /usr/bin/apt-key 28K
f /usr/bin/apt-mark 59K
f /usr/lib/apt/apt-helper 47K
f /usr/lib/apt/apt.systemd.daily 16K
f /usr/lib/apt/methods/cdrom 35K
f /usr/lib/apt/methods/copy 19K
f /usr/lib/apt/methods/file 23K
f /usr/lib/apt/methods/gpgv 71K
f /usr/lib/apt/methods/http 120K
L /usr/lib/apt/methods/https http
f /usr/lib/apt/methods/mirror 43K
f /usr/lib/apt/methods/rred 47K
f /usr/lib/apt/methods/rsh 35K
f /usr/lib/apt/methods/store 27K
f /usr/lib/apt/solvers/dump 19K
f /usr/lib/apt/planners/dump 19K
L /usr/lib/apt/methods/ssh rsh
x /etc/apt/apt.conf.d/01autoremove APT\n{\n  NeverAutoRemove\n  {\n\t\"^firmware-linux.*\";\n\t\"^linux-firmware$\";\n  };\n};\n
x /etc/cron.daily/apt-compat #!/bin/sh\nset -e\nexit 0\n
D /etc/apt/preferences.d
D /etc/apt/sources.list.d
D /etc/apt/auth.conf.d
D /etc/apt/keyrings
D /var/cache/apt/archives/partial 0700 42:0
f /var/cache/apt/archives/lock 0 0640
D /var/lib/apt/lists/partial 0700 42:0
D /var/lib/apt/mirrors/partial
D /var/lib/apt/periodic
D /var/log/apt
f /usr/share/bug/apt/script 1.3K

@ tzdata 2024a-0+deb12u1|-|-
d time zone and daylight-saving time data
s localization
p required
a all
dep debconf
f /usr/share/zoneinfo/Etc/UTC 114
L /usr/share/zoneinfo/UTC Etc/UTC
f /usr/share/zoneinfo/Europe/London 3.6K
f /usr/share/zoneinfo/Europe/Paris 2.9K
f /usr/share/zoneinfo/Europe/Berlin 2.3K
f /usr/share/zoneinfo/America/New_York 3.5K
f /usr/share/zoneinfo/America/Los_Angeles 2.8K
f /usr/share/zoneinfo/Asia/Tokyo 309
f /usr/share/zoneinfo/Australia/Sydney 2.2K
f /usr/share/zoneinfo/zone.tab 19K
f /usr/share/zoneinfo/zone1970.tab 17K
f /usr/share/zoneinfo/tzdata.zi 107K
f /usr/share/zoneinfo/leap-seconds.list 4.9K
f /usr/share/zoneinfo/posix.tar 1.1M
f /usr/share/zoneinfo/right.tar 1.9M
L /etc/localtime /usr/share/zoneinfo/Etc/UTC
x /etc/timezone Etc/UTC\n

@ usr-is-merged 37~deb12u1|39ubuntu1|-
d Transitional package to assert a merged-/usr system
s oldlibs
a all
"#;
