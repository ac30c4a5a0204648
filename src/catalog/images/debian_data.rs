//! The base packages of `debian:bookworm` and `ubuntu:24.04` / `ubuntu:22.04`: columns are
//! bookworm | noble | jammy. Documentation, manual pages and translations are added by
//! `debian.rs` from the `LOCALE` table.

/// Base packages in install order (dependencies first where it matters).
pub(crate) const BASE: &str = r#"
# Newer toolchains and releases ship larger binaries.
scale 1.115|1.25|1.245
@ base-files 12.4+deb12u7|13ubuntu10.1|12ubuntu4.7
d Debian base system miscellaneous files
s admin
p required
e
t /usr/lib/os-release OS_RELEASE
L /etc/os-release ../usr/lib/os-release
t /etc/debian_version DEBIAN_VERSION
t /etc/issue ISSUE
t /etc/issue.net ISSUE_NET
x /etc/host.conf multi on\n
t /etc/profile PROFILE
D /etc/profile.d
t /etc/skel/.profile SKEL_PROFILE
x /etc/skel/.bash_logout # ~/.bash_logout: executed by bash(1) when login shell exits.\n
D /root 0700
t /root/.profile SKEL_PROFILE
t /root/.bashrc ROOT_BASHRC
D /home
D /tmp 1777
D /var/tmp 1777
D /var/local 02775 0:50
D /var/mail 02775 0:8
D /var/spool
D /var/log
D /var/opt
D /var/cache
D /usr/local/bin
D /usr/local/sbin
D /usr/local/lib
D /usr/local/include
D /usr/local/share
D /usr/local/src
D /opt
D /srv
D /boot
D /media
D /mnt
D /proc
D /sys
D /run
D /dev
f /usr/share/common-licenses/GPL-3 34K
f /usr/share/common-licenses/GPL-2 18K
f /usr/share/common-licenses/Apache-2.0 11K
f /usr/share/common-licenses/LGPL-2.1 26K

@ base-passwd 3.6.1|3.6.3build1|3.5.52build1
d Debian base system master password and group files
s admin
p required
e
f /usr/sbin/update-passwd 40K
t /usr/share/base-passwd/passwd.master PASSWD
t /usr/share/base-passwd/group.master GROUP

@ libc6 2.36-9+deb12u8|2.39-0ubuntu8.3|2.35-0ubuntu3.8
d GNU C Library: Shared libraries
s libs
p optional
f /usr/lib/x86_64-linux-gnu/libc.so.6 1.83M
f /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 206K
f /usr/lib/x86_64-linux-gnu/libm.so.6 887K
f /usr/lib/x86_64-linux-gnu/libresolv.so.2 67K
f /usr/lib/x86_64-linux-gnu/libpthread.so.0 21K
f /usr/lib/x86_64-linux-gnu/libdl.so.2 15K
f /usr/lib/x86_64-linux-gnu/librt.so.1 15K
f /usr/lib/x86_64-linux-gnu/libnss_files.so.2 15K
f /usr/lib/x86_64-linux-gnu/libnss_dns.so.2 15K
f /usr/lib/x86_64-linux-gnu/libnss_compat.so.2 43K
f /usr/lib/x86_64-linux-gnu/libanl.so.1 15K
f /usr/lib/x86_64-linux-gnu/libBrokenLocale.so.1 15K
f /usr/lib/x86_64-linux-gnu/libc_malloc_debug.so.0 51K
f /usr/lib/x86_64-linux-gnu/libmemusage.so 19K
f /usr/lib/x86_64-linux-gnu/libthread_db.so.1 43K
f /usr/lib/x86_64-linux-gnu/libutil.so.1 15K
f /usr/lib/x86_64-linux-gnu/gconv/gconv-modules.cache 26K
f /usr/lib/x86_64-linux-gnu/gconv/gconv-modules 3.2K
f /usr/lib/x86_64-linux-gnu/gconv/libJIS.so 1.02M
f /usr/lib/x86_64-linux-gnu/gconv/libGB.so 452K
f /usr/lib/x86_64-linux-gnu/gconv/libKSC.so 216K
f /usr/lib/x86_64-linux-gnu/gconv/libCNS.so 464K
f /usr/lib/x86_64-linux-gnu/gconv/BIG5HKSCS.so 195K
f /usr/lib/x86_64-linux-gnu/gconv/BIG5.so 112K
f /usr/lib/x86_64-linux-gnu/gconv/EUC-TW.so 15K
f /usr/lib/x86_64-linux-gnu/gconv/UTF-16.so 15K
f /usr/lib/x86_64-linux-gnu/gconv/UTF-32.so 15K
f /usr/lib/x86_64-linux-gnu/gconv/UTF-7.so 19K
f /usr/lib/x86_64-linux-gnu/gconv/CP1252.so 15K
f /usr/lib/x86_64-linux-gnu/gconv/ISO8859-1.so 15K
f /usr/lib/x86_64-linux-gnu/gconv/ISO8859-15.so 19K
f /usr/lib/x86_64-linux-gnu/gconv/IBM1364.so 244K
f /usr/lib/x86_64-linux-gnu/gconv/IBM1371.so 244K
f /usr/lib/x86_64-linux-gnu/gconv/IBM933.so 147K
f /usr/lib/x86_64-linux-gnu/gconv/IBM935.so 131K
f /usr/lib/x86_64-linux-gnu/gconv/IBM937.so 208K
f /usr/lib/x86_64-linux-gnu/gconv/IBM939.so 147K
f /usr/lib/x86_64-linux-gnu/gconv/EUC-JISX0213.so 19K
f /usr/lib/x86_64-linux-gnu/gconv/libISOIR165.so 171K
f /usr/lib/x86_64-linux-gnu/gconv/other-charsets.so 3.1M
f /usr/lib/x86_64-linux-gnu/audit/sotruss-lib.so 15K
L /lib64/ld-linux-x86-64.so.2 ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2

@ libc-bin 2.36-9+deb12u8|2.39-0ubuntu8.3|2.35-0ubuntu3.8
d GNU C Library: Binaries
s libs
p required
e
dep libc6
f /usr/sbin/ldconfig 1.0M
f /usr/bin/locale 59K
f /usr/bin/localedef 306K
f /usr/bin/iconv 67K
f /usr/bin/getent 35K
f /usr/bin/getconf 35K
f /usr/bin/ldd 5.4K
f /usr/bin/tzselect 15K
f /usr/bin/zdump 23K
f /usr/sbin/iconvconfig 31K
f /usr/sbin/zic 55K
x /etc/ld.so.conf include /etc/ld.so.conf.d/*.conf\n\n
x /etc/ld.so.conf.d/libc.conf # libc default configuration\n/usr/local/lib\n
x /etc/ld.so.conf.d/x86_64-linux-gnu.conf # Multiarch support\n/usr/local/lib/x86_64-linux-gnu\n/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n
f /etc/ld.so.cache 8.5K
f /usr/lib/locale/C.utf8/LC_CTYPE 346K
f /usr/lib/locale/C.utf8/LC_COLLATE 1.5K
f /usr/lib/locale/C.utf8/LC_TIME 3.3K
f /usr/lib/locale/C.utf8/LC_NUMERIC 50
f /usr/lib/locale/C.utf8/LC_MESSAGES/SYS_LC_MESSAGES 48
f /usr/share/libc-bin/nsswitch.conf 494
x /etc/nsswitch.conf # /etc/nsswitch.conf\npasswd:         files\ngroup:          files\nshadow:         files\ngshadow:        files\n\nhosts:          files dns\nnetworks:       files\n\nprotocols:      db files\nservices:       db files\nethers:         db files\nrpc:            db files\n\nnetgroup:       nis\n

@ gcc-12-base|gcc-14-base|gcc-12-base 12.2.0-14|14-20240412-0ubuntu1|12.3.0-1ubuntu1~22.04
d GCC, the GNU Compiler Collection (base package)
s libs
p required

@ libgcc-s1 12.2.0-14|14-20240412-0ubuntu1|12.3.0-1ubuntu1~22.04
d GCC support library
s libs
p optional
dep gcc-12-base libc6
f /usr/lib/x86_64-linux-gnu/libgcc_s.so.1 123K

@ libstdc++6 12.2.0-14|14-20240412-0ubuntu1|12.3.0-1ubuntu1~22.04
d GNU Standard C++ Library v3
s libs
p optional
dep libc6 libgcc-s1
f /usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30 2.29M
L /usr/lib/x86_64-linux-gnu/libstdc++.so.6 libstdc++.so.6.0.30
f /usr/share/gcc/python/libstdcxx/v6/printers.py 87K
f /usr/share/gcc/python/libstdcxx/v6/xmethods.py 28K

@ zlib1g 1:1.2.13.dfsg-1|1:1.3.dfsg-3.1ubuntu2.1|1:1.2.11.dfsg-2ubuntu9.2
d compression library - runtime
s libs
p optional
dep libc6
f /usr/lib/x86_64-linux-gnu/libz.so.1.2.13 118K
L /usr/lib/x86_64-linux-gnu/libz.so.1 libz.so.1.2.13

@ libacl1 2.3.1-3|2.3.2-1build1|2.3.1-1
d access control list - shared library
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libacl.so.1.1.2301 35K
L /usr/lib/x86_64-linux-gnu/libacl.so.1 libacl.so.1.1.2301

@ libattr1 1:2.5.1-4|1:2.5.2-1build1|1:2.5.1-1build1
d extended attribute handling - shared library
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libattr.so.1.1.2501 27K
L /usr/lib/x86_64-linux-gnu/libattr.so.1 libattr.so.1.1.2501
x /etc/xattr.conf # /etc/xattr.conf\nsystem.nfs4_acl\t\t\tpermissions\n

@ libselinux1 3.4-1+b6|3.5-2ubuntu2|3.3-1build2
d SELinux runtime shared libraries
s libs
dep libc6 libpcre2-8-0
f /usr/lib/x86_64-linux-gnu/libselinux.so.1 175K

@ libpcre2-8-0 10.42-1|10.42-4ubuntu2|10.39-3ubuntu0.1
d New Perl Compatible Regular Expression Library- 8 bit runtime files
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libpcre2-8.so.0.11.2 622K
L /usr/lib/x86_64-linux-gnu/libpcre2-8.so.0 libpcre2-8.so.0.11.2

@ libgmp10 2:6.2.1+dfsg1-1.1|2:6.3.0+dfsg-2ubuntu6|2:6.2.1+dfsg-3ubuntu1
d Multiprecision arithmetic library
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libgmp.so.10.4.1 519K
L /usr/lib/x86_64-linux-gnu/libgmp.so.10 libgmp.so.10.4.1

@ libmd0 1.0.4-2|1.1.0-2build1|1.0.4-1build1
d message digest functions from BSD systems - shared library
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libmd.so.0.0.5 47K
L /usr/lib/x86_64-linux-gnu/libmd.so.0 libmd.so.0.0.5

@ libbz2-1.0 1.0.8-5+b1|1.0.8-5.1|1.0.8-5build1
d high-quality block-sorting file compressor library - runtime
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libbz2.so.1.0.4 74K
L /usr/lib/x86_64-linux-gnu/libbz2.so.1.0 libbz2.so.1.0.4

@ liblzma5 5.4.1-0.2|5.6.1+really5.4.5-1build0.1|5.2.5-2ubuntu1
d XZ-format compression library
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/liblzma.so.5.4.1 170K
L /usr/lib/x86_64-linux-gnu/liblzma.so.5 liblzma.so.5.4.1

@ libzstd1 1.5.4+dfsg2-5|1.5.5+dfsg2-2build1.1|1.4.8+dfsg-3build1
d fast lossless compression algorithm
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libzstd.so.1.5.4 818K
L /usr/lib/x86_64-linux-gnu/libzstd.so.1 libzstd.so.1.5.4

@ liblz4-1 1.9.4-1|1.9.4-1build1|1.9.3-2build2
d Fast LZ compression algorithm library - runtime
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/liblz4.so.1.9.4 150K
L /usr/lib/x86_64-linux-gnu/liblz4.so.1 liblz4.so.1.9.4

@ libxxhash0 0.8.1-1|0.8.2-2build1|0.8.1-1
d shared library for xxhash
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libxxhash.so.0.8.1 66K

@ libcrypt1 1:4.4.33-2|1:4.4.36-4build1|1:4.4.27-1
d libcrypt shared library
s libs
p required
dep libc6
f /usr/lib/x86_64-linux-gnu/libcrypt.so.1.1.0 203K
L /usr/lib/x86_64-linux-gnu/libcrypt.so.1 libcrypt.so.1.1.0

@ libtinfo6 6.4-4|6.4+20240113-1ubuntu2|6.3-2ubuntu0.1
d shared low-level terminfo library for terminal handling
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libtinfo.so.6.4 196K
L /usr/lib/x86_64-linux-gnu/libtinfo.so.6 libtinfo.so.6.4

@ libgpg-error0 1.46-1|1.47-3build2|1.43-3
d GnuPG development runtime library
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libgpg-error.so.0.33.1 149K
L /usr/lib/x86_64-linux-gnu/libgpg-error.so.0 libgpg-error.so.0.33.1
f /usr/share/libgpg-error/errorref.txt 21K

@ libgcrypt20 1.10.1-3|1.10.3-2build1|1.9.4-3ubuntu3
d LGPL Crypto library - runtime library
s libs
dep libc6 libgpg-error0
f /usr/lib/x86_64-linux-gnu/libgcrypt.so.20.4.1 1.26M
L /usr/lib/x86_64-linux-gnu/libgcrypt.so.20 libgcrypt.so.20.4.1

@ libcap2 1:2.66-4|1:2.66-5ubuntu2|1:2.44-1ubuntu0.22.04.1
d POSIX 1003.1e capabilities (library)
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libcap.so.2.66 43K
L /usr/lib/x86_64-linux-gnu/libcap.so.2 libcap.so.2.66
f /usr/lib/x86_64-linux-gnu/libpsx.so.2.66 15K

@ libcap-ng0 0.8.3-1+b3|0.8.4-2build2|0.7.9-2.2build3
d alternate POSIX capabilities library
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libcap-ng.so.0.0.0 27K
L /usr/lib/x86_64-linux-gnu/libcap-ng.so.0 libcap-ng.so.0.0.0
f /usr/lib/x86_64-linux-gnu/libdrop_ambient.so.0.0.0 15K

@ libaudit-common 1:3.0.9-1|1:3.1.2-2.1build1|1:3.0.7-1build1
d Dynamic library for security auditing - common files
s libs
a all
x /etc/libaudit.conf # This is the configuration for libaudit - tunables.\n

@ libaudit1 1:3.0.9-1|1:3.1.2-2.1build1|1:3.0.7-1build1
d Dynamic library for security auditing
s libs
dep libaudit-common libc6 libcap-ng0
f /usr/lib/x86_64-linux-gnu/libaudit.so.1.0.0 131K
L /usr/lib/x86_64-linux-gnu/libaudit.so.1 libaudit.so.1.0.0

@ libsepol2 3.4-2.1|3.5-2build1|3.3-1build1
d SELinux library for manipulating binary security policies
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libsepol.so.2 750K

@ libsemanage-common 3.4-1|3.5-1build5|3.3-1build2
d Common files for SELinux policy management libraries
s libs
a all
x /etc/selinux/semanage.conf # semanage.conf\nmodule-store = direct\n

@ libsemanage2 3.4-1+b5|3.5-1build5|3.3-1build2
d SELinux policy management library
s libs
dep libaudit1 libbz2-1.0 libc6 libselinux1 libsemanage-common libsepol2
f /usr/lib/x86_64-linux-gnu/libsemanage.so.2 291K

@ libpam0g 1.5.2-6+deb12u1|1.5.3-5ubuntu5.1|1.4.0-11ubuntu2.4
d Pluggable Authentication Modules library
s libs
dep libaudit1 libc6 debconf
f /usr/lib/x86_64-linux-gnu/libpam.so.0.85.1 67K
L /usr/lib/x86_64-linux-gnu/libpam.so.0 libpam.so.0.85.1
f /usr/lib/x86_64-linux-gnu/libpam_misc.so.0.82.1 15K
f /usr/lib/x86_64-linux-gnu/libpamc.so.0.82.1 15K

@ libpam-modules-bin 1.5.2-6+deb12u1|1.5.3-5ubuntu5.1|1.4.0-11ubuntu2.4
d Pluggable Authentication Modules for PAM - helper binaries
s admin
dep libaudit1 libc6 libcrypt1 libpam0g libselinux1
f /usr/sbin/mkhomedir_helper 23K
f /usr/sbin/pam_namespace_helper 471
f /usr/sbin/pam_timestamp_check 15K
f /usr/sbin/unix_chkpwd 39K 02755 0:42
f /usr/sbin/unix_update 35K

@ libpam-modules 1.5.2-6+deb12u1|1.5.3-5ubuntu5.1|1.4.0-11ubuntu2.4
d Pluggable Authentication Modules for PAM
s admin
p required
dep libaudit1 libc6 libcrypt1 libdb5.3 libpam0g libselinux1 libpam-modules-bin
f /usr/lib/x86_64-linux-gnu/security/pam_unix.so 63K
f /usr/lib/x86_64-linux-gnu/security/pam_env.so 23K
f /usr/lib/x86_64-linux-gnu/security/pam_limits.so 23K
f /usr/lib/x86_64-linux-gnu/security/pam_permit.so 15K
f /usr/lib/x86_64-linux-gnu/security/pam_deny.so 15K
f /usr/lib/x86_64-linux-gnu/security/pam_mail.so 15K
f /usr/lib/x86_64-linux-gnu/security/pam_motd.so 19K
f /usr/lib/x86_64-linux-gnu/security/pam_namespace.so 43K
f /usr/lib/x86_64-linux-gnu/security/pam_rootok.so 15K
f /usr/lib/x86_64-linux-gnu/security/pam_userdb.so 19K
x /etc/security/limits.conf # /etc/security/limits.conf\n#\n#<domain>        <type>  <item>  <value>\n#\n# End of file\n
x /etc/security/pam_env.conf # Configuration file for the pam_env module.\n
x /etc/environment \n

@ libpam-runtime 1.5.2-6+deb12u1|1.5.3-5ubuntu5.1|1.4.0-11ubuntu2.4
d Runtime support for the PAM library
s admin
p required
a all
dep debconf libpam-modules
x /etc/pam.conf # ---------------------------------------------------------------------------#\n# /etc/pam.conf                                                              #\n
x /etc/pam.d/other # /etc/pam.d/other\n@include common-auth\n@include common-account\n@include common-password\n@include common-session\n
x /etc/pam.d/common-auth auth\t[success=1 default=ignore]\tpam_unix.so nullok\nauth\trequisite\t\t\tpam_deny.so\nauth\trequired\t\t\tpam_permit.so\n
x /etc/pam.d/common-account account\t[success=1 new_authtok_reqd=done default=ignore]\tpam_unix.so\naccount\trequisite\t\t\tpam_deny.so\naccount\trequired\t\t\tpam_permit.so\n
x /etc/pam.d/common-password password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt\npassword\trequisite\t\t\tpam_deny.so\npassword\trequired\t\t\tpam_permit.so\n
x /etc/pam.d/common-session session\t[default=1]\t\t\tpam_permit.so\nsession\trequisite\t\t\tpam_deny.so\nsession\trequired\t\t\tpam_permit.so\nsession\trequired\tpam_unix.so\n
f /usr/sbin/pam-auth-update 22K
f /usr/sbin/pam_getenv 2.9K
f /usr/share/pam/common-auth 1.2K
f /usr/share/pam-configs/unix 540

@ libdb5.3|libdb5.3t64|libdb5.3 5.3.28+dfsg2-1|5.3.28+dfsg2-7|5.3.28+dfsg1-0.8ubuntu3
d Berkeley v5.3 Database Libraries [runtime]
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libdb-5.3.so 1.75M

@ libtasn1-6 4.19.0-2|4.19.0-3build1|4.18.0-4build1
d Manage ASN.1 structures (runtime)
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libtasn1.so.6.6.3 76K
L /usr/lib/x86_64-linux-gnu/libtasn1.so.6 libtasn1.so.6.6.3

@ libffi8 3.4.4-1|3.4.6-1build1|3.4.2-4
d Foreign Function Interface library runtime
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libffi.so.8.1.2 39K
L /usr/lib/x86_64-linux-gnu/libffi.so.8 libffi.so.8.1.2

@ libp11-kit0 0.24.1-2|0.25.3-4ubuntu2.1|0.24.0-6build1
d library for loading and coordinating access to PKCS#11 modules - runtime
s libs
dep libc6 libffi8
f /usr/lib/x86_64-linux-gnu/libp11-kit.so.0.3.0 1.29M
L /usr/lib/x86_64-linux-gnu/libp11-kit.so.0 libp11-kit.so.0.3.0
f /usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-trust.so 400K

@ libunistring2|libunistring5|libunistring2 1.0-2|1.1-2build1|1.0-1
d Unicode string library for C
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libunistring.so.2.2.0 1.78M
L /usr/lib/x86_64-linux-gnu/libunistring.so.2 libunistring.so.2.2.0

@ libidn2-0 2.3.3-1+b1|2.3.7-2build1|2.3.2-2build1
d Internationalized domain names (IDNA2008/TR46) library
s libs
dep libc6 libunistring2
f /usr/lib/x86_64-linux-gnu/libidn2.so.0.3.8 247K
L /usr/lib/x86_64-linux-gnu/libidn2.so.0 libidn2.so.0.3.8

@ libnettle8|libnettle8t64|libnettle8 3.8.1-2|3.9.1-2.2build1|3.7.3-1build2
d low level cryptographic library (symmetric and one-way cryptos)
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libnettle.so.8.6 302K
L /usr/lib/x86_64-linux-gnu/libnettle.so.8 libnettle.so.8.6

@ libhogweed6|libhogweed6t64|libhogweed6 3.8.1-2|3.9.1-2.2build1|3.7.3-1build2
d low level cryptographic library (public-key cryptos)
s libs
dep libc6 libgmp10 libnettle8
f /usr/lib/x86_64-linux-gnu/libhogweed.so.6.6 311K
L /usr/lib/x86_64-linux-gnu/libhogweed.so.6 libhogweed.so.6.6

@ libgnutls30|libgnutls30t64|libgnutls30 3.7.9-2+deb12u3|3.8.3-1.1ubuntu3.2|3.7.3-4ubuntu1.5
d GNU TLS library - main runtime library
s libs
dep libc6 libgmp10 libhogweed6 libidn2-0 libnettle8 libp11-kit0 libtasn1-6 libunistring2
f /usr/lib/x86_64-linux-gnu/libgnutls.so.30.34.3 2.04M
L /usr/lib/x86_64-linux-gnu/libgnutls.so.30 libgnutls.so.30.34.3
x /etc/gnutls/config # GnuTLS system-wide configuration\n

@ libsystemd0 252.30-1~deb12u2|255.4-1ubuntu8.4|249.11-0ubuntu3.12
d systemd utility library
s libs
dep libc6 libcap2 libgcrypt20 liblz4-1 liblzma5 libzstd1
f /usr/lib/x86_64-linux-gnu/libsystemd.so.0.35.0 907K
L /usr/lib/x86_64-linux-gnu/libsystemd.so.0 libsystemd.so.0.35.0

@ libudev1 252.30-1~deb12u2|255.4-1ubuntu8.4|249.11-0ubuntu3.12
d libudev shared library
s libs
dep libc6 libcap2
f /usr/lib/x86_64-linux-gnu/libudev.so.1.7.5 187K
L /usr/lib/x86_64-linux-gnu/libudev.so.1 libudev.so.1.7.5

@ libseccomp2 2.5.4-1+b3|2.5.5-1ubuntu3.1|2.5.3-2ubuntu2
d high level interface to Linux seccomp filter
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libseccomp.so.2.5.4 135K
L /usr/lib/x86_64-linux-gnu/libseccomp.so.2 libseccomp.so.2.5.4

@ libuuid1 2.38.1-5+deb12u1|2.39.3-9ubuntu6.1|2.37.2-4ubuntu3.4
d Universally Unique ID library
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libuuid.so.1.3.0 31K
L /usr/lib/x86_64-linux-gnu/libuuid.so.1 libuuid.so.1.3.0

@ libblkid1 2.38.1-5+deb12u1|2.39.3-9ubuntu6.1|2.37.2-4ubuntu3.4
d block device ID library
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libblkid.so.1.1.0 239K
L /usr/lib/x86_64-linux-gnu/libblkid.so.1 libblkid.so.1.1.0

@ libmount1 2.38.1-5+deb12u1|2.39.3-9ubuntu6.1|2.37.2-4ubuntu3.4
d device mounting library
s libs
dep libblkid1 libc6 libselinux1
f /usr/lib/x86_64-linux-gnu/libmount.so.1.1.0 375K
L /usr/lib/x86_64-linux-gnu/libmount.so.1 libmount.so.1.1.0

@ libsmartcols1 2.38.1-5+deb12u1|2.39.3-9ubuntu6.1|2.37.2-4ubuntu3.4
d smart column output alignment library
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libsmartcols.so.1.1.0 251K
L /usr/lib/x86_64-linux-gnu/libsmartcols.so.1 libsmartcols.so.1.1.0

@ libcom-err2 1.47.0-2|1.47.0-2.4~exp1ubuntu4.1|1.46.5-2ubuntu1.2
d common error description library
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libcom_err.so.2.1 19K
L /usr/lib/x86_64-linux-gnu/libcom_err.so.2 libcom_err.so.2.1

@ libss2 1.47.0-2|1.47.0-2.4~exp1ubuntu4.1|1.46.5-2ubuntu1.2
d command-line interface parsing library
s libs
dep libc6 libcom-err2
f /usr/lib/x86_64-linux-gnu/libss.so.2.0 35K
L /usr/lib/x86_64-linux-gnu/libss.so.2 libss.so.2.0

@ libext2fs2|libext2fs2t64|libext2fs2 1.47.0-2|1.47.0-2.4~exp1ubuntu4.1|1.46.5-2ubuntu1.2
d ext2/ext3/ext4 file system libraries
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libext2fs.so.2.4 411K
L /usr/lib/x86_64-linux-gnu/libext2fs.so.2 libext2fs.so.2.4
f /usr/lib/x86_64-linux-gnu/libe2p.so.2.3 43K

@ libdebconfclient0 0.270|0.271ubuntu3|0.261ubuntu1
d Debian Configuration Management System (C-implementation library)
s libs
dep libc6
f /usr/lib/x86_64-linux-gnu/libdebconfclient.so.0.0.0 15K

@ libapt-pkg6.0|libapt-pkg6.0t64|libapt-pkg6.0 2.6.1|2.7.14build2|2.4.13
d package management runtime library
s libs
dep libbz2-1.0 libc6 libgcc-s1 libgcrypt20 liblz4-1 liblzma5 libstdc++6 libsystemd0 libudev1 libxxhash0 libzstd1 zlib1g
f /usr/lib/x86_64-linux-gnu/libapt-pkg.so.6.0.0 1.97M
L /usr/lib/x86_64-linux-gnu/libapt-pkg.so.6.0 libapt-pkg.so.6.0.0
f /usr/lib/x86_64-linux-gnu/libapt-private.so.0.0.0 402K
"#;

/// Commands of coreutils with their binary sizes in KiB.
pub(crate) const COREUTILS: &str = "[:51 arch:35 b2sum:55 base32:39 base64:39 basename:35 basenc:47 cat:43 \
chcon:63 chgrp:63 chmod:59 chown:67 chroot:39 cksum:99 comm:39 cp:147 csplit:115 cut:47 date:107 dd:71 df:87 \
dir:139 dircolors:47 dirname:35 du:103 echo:35 env:43 expand:39 expr:111 factor:71 false:27 fmt:39 fold:39 \
groups:35 head:43 hostid:35 id:39 install:151 join:51 link:35 ln:67 logname:35 ls:139 md5sum:43 mkdir:71 \
mkfifo:39 mknod:43 mktemp:39 mv:135 nice:35 nl:43 nohup:35 nproc:35 numfmt:59 od:67 paste:35 pathchk:35 \
pinky:39 pr:71 printenv:35 printf:51 ptx:115 pwd:39 readlink:43 realpath:43 rm:59 rmdir:43 runcon:35 seq:51 \
sha1sum:43 sha224sum:47 sha256sum:47 sha384sum:51 sha512sum:51 shred:55 shuf:47 sleep:35 sort:115 split:59 \
stat:87 stdbuf:47 stty:75 sum:35 sync:35 tac:39 tail:63 tee:35 test:43 timeout:39 touch:95 tr:47 true:27 \
truncate:35 tsort:47 tty:35 uname:35 unexpand:39 uniq:43 unlink:35 users:35 vdir:139 wc:47 who:51 whoami:35 \
yes:35";

/// Translation domains: owning package, `.mo` size in KiB, number of languages.
pub(crate) const LOCALE: &[(&str, &str, u64, usize)] = &[
    ("coreutils", "coreutils", 180, 42),
    ("libc6", "libc", 140, 40),
    ("util-linux", "util-linux", 160, 35),
    ("e2fsprogs", "e2fsprogs", 110, 25),
    ("tar", "tar", 50, 40),
    ("dpkg", "dpkg", 90, 30),
    ("apt", "apt", 70, 35),
    ("bash", "bash", 80, 35),
    ("findutils", "findutils", 40, 35),
    ("grep", "grep", 20, 40),
    ("sed", "sed", 20, 40),
    ("diffutils", "diffutils", 30, 30),
    ("passwd", "shadow", 60, 30),
    ("debconf", "debconf", 15, 40),
    ("adduser", "adduser", 20, 30),
    ("libgnutls30", "gnutls30", 25, 25),
    ("libgpg-error0", "libgpg-error", 15, 20),
];

/// Language codes translations exist for.
pub(crate) const LANGS: &str = "ar ast be bg ca cs da de el eo es et eu fi fr ga gl he hr hu id it ja kk ko \
lt ms nb nl pl pt pt_BR ro ru sk sl sr sv tr uk vi zh_CN zh_TW";
