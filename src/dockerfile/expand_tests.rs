use super::*;

fn env(name: &str) -> Option<String> {
    match name {
        "PWD" => Some("/home".into()),
        "SHELL" => Some("bash".into()),
        "NULL" => Some(String::new()),
        "SPACE" => Some("abc  def".into()),
        "LEADING" => Some("  ab c".into()),
        "FILE" => Some("dir/archive.tar.gz".into()),
        _ => None,
    }
}

fn w(s: &str) -> Result<String, String> {
    expand_word(s, '\\', &env)
}

fn ok(s: &str) -> String {
    w(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn plain_and_simple_vars() {
    assert_eq!(ok("hello"), "hello");
    assert_eq!(ok("he$PWD"), "he/home");
    assert_eq!(ok("he${PWD}x"), "he/homex");
    assert_eq!(ok("he${hi}xx"), "hexx");
    assert_eq!(ok("$."), "$.");
    assert_eq!(ok("he$1x"), "hex");
    assert_eq!(ok("a$"), "a$");
    assert_eq!(ok("${aaa}}"), "}");
}

#[test]
fn default_and_alternative_operators() {
    assert_eq!(ok("he${XXX:-000}xx"), "he000xx");
    assert_eq!(ok("he${PWD:-000}xx"), "he/homexx");
    assert_eq!(ok("he${NULL:-d}"), "hed");
    assert_eq!(ok("he${NULL-d}"), "he");
    assert_eq!(ok("he${XXX-d}"), "hed");
    assert_eq!(ok("he${XXX:-${PWD:-yyy}}xx"), "he/homexx");
    assert_eq!(ok("he${XXX:-${YYY:-yyy}}xx"), "heyyyxx");
    assert_eq!(ok("he${XXX:+000}xx"), "hexx");
    assert_eq!(ok("he${PWD:+000}xx"), "he000xx");
    assert_eq!(ok("he${NULL:+a}"), "he");
    assert_eq!(ok("he${NULL+a}"), "hea");
    assert_eq!(ok("he${PWD:+${SHELL}}xx"), "hebashxx");
    assert_eq!(ok("he${PWD:+${PWD}:}xx"), "he/home:xx");
    assert_eq!(ok("he${XXX:-\\$PWD:}xx"), "he$PWD:xx");
    assert_eq!(ok("${aaa:-bbb {foo}"), "bbb {foo");
    assert_eq!(ok("${1:-bbb}"), "bbb");
}

#[test]
fn required_operators() {
    assert_eq!(ok("he${PWD?}"), "he/home");
    assert_eq!(ok("he${NULL?}"), "he");
    assert_eq!(w("${XXX?}").unwrap_err(), "failed to process \"${XXX?}\": XXX: is not allowed to be unset");
    assert_eq!(w("${NULL:?}").unwrap_err(), "failed to process \"${NULL:?}\": NULL: is not allowed to be empty");
    assert_eq!(w("${XXX:?need it}").unwrap_err(), "failed to process \"${XXX:?need it}\": XXX: need it");
}

#[test]
fn pattern_operators() {
    assert_eq!(ok("${FILE#*/}"), "archive.tar.gz");
    assert_eq!(ok("${FILE%.*}"), "dir/archive.tar");
    assert_eq!(ok("${FILE%%.*}"), "dir/archive");
    assert_eq!(ok("${FILE##*.}"), "gz");
    assert_eq!(ok("${FILE/a/A}"), "dir/Archive.tar.gz");
    assert_eq!(ok("${FILE//a/A}"), "dir/Archive.tAr.gz");
    assert_eq!(
        w("${FILE:#x}").unwrap_err(),
        "failed to process \"${FILE:#x}\": unsupported modifier (:#) in substitution"
    );
}

#[test]
fn syntax_errors() {
    assert_eq!(w("${}").unwrap_err(), "failed to process \"${}\": syntax error: bad substitution");
    assert_eq!(w("${:-x}").unwrap_err(), "failed to process \"${:-x}\": syntax error: bad substitution");
    assert_eq!(w("${{aaa}").unwrap_err(), "failed to process \"${{aaa}\": syntax error: bad substitution");
    assert_eq!(w("he${PWD").unwrap_err(), "failed to process \"he${PWD\": syntax error: missing '}'");
    assert_eq!(w("${aaa:-bbb").unwrap_err(), "failed to process \"${aaa:-bbb\": syntax error: missing '}'");
    assert_eq!(
        w("${PWD:=000}").unwrap_err(),
        "failed to process \"${PWD:=000}\": unsupported modifier (:=) in substitution"
    );
    assert_eq!(
        w("${XXX:YYY}").unwrap_err(),
        "failed to process \"${XXX:YYY}\": unsupported modifier (:Y) in substitution"
    );
    assert_eq!(w("${.}").unwrap_err(), "failed to process \"${.}\": unsupported modifier (.) in substitution");
}

#[test]
fn quotes() {
    assert_eq!(ok("he'll'o"), "hello");
    assert_eq!(ok("\"hel'lo\""), "hel'lo");
    assert_eq!(ok("\"''\""), "''");
    assert_eq!(ok("'he${XX}'"), "he${XX}");
    assert_eq!(ok("\"he${PWD}\""), "he/home");
    assert_eq!(ok("\"he'$PWD'\""), "he'/home'");
    assert_eq!(ok("'\\$PWD'"), "\\$PWD");
    assert_eq!(ok("'hello\\'"), "hello\\");
    assert_eq!(ok("\"abc\\tdef\""), "abc\\tdef");
    assert_eq!(ok("\"abc\\\\tdef\""), "abc\\tdef");
    assert_eq!(ok("\"a\\\"b\""), "a\"b");
    assert_eq!(
        w("he'llo").unwrap_err(),
        "failed to process \"he'llo\": unexpected end of statement while looking for matching single-quote"
    );
    assert_eq!(
        w("\"hello").unwrap_err(),
        "failed to process \"\\\"hello\": unexpected end of statement while looking for matching double-quote"
    );
    assert!(w("\"hello\\\"").is_err());
}

#[test]
fn escapes() {
    assert_eq!(ok("he\\'llo"), "he'llo");
    assert!(w("he\\\\'llo").is_err());
    assert_eq!(ok("abc\\tdef"), "abctdef");
    assert_eq!(ok("hello\\"), "hello");
    assert_eq!(ok("hello\\\\"), "hello\\");
    assert_eq!(ok("he\\$PWD"), "he$PWD");
    assert_eq!(ok("he\\\\$PWD"), "he\\/home");
    assert_eq!(ok("\\${}"), "${}");
}

#[test]
fn backtick_escape() {
    let e = |s: &str| expand_word(s, '`', &env).unwrap();
    assert_eq!(e("C:\\Users\\$SHELL"), "C:\\Users\\bash");
    assert_eq!(e("`$PWD"), "$PWD");
    assert_eq!(e("\"a`\"b\""), "a\"b");
    assert_eq!(e("c:\\windows\\"), "c:\\windows\\");
}

#[test]
fn unicode() {
    assert_eq!(ok("안'녕'하세요"), "안녕하세요");
    assert_eq!(ok("안녕$PWD"), "안녕/home");
}

#[test]
fn word_splitting() {
    let ws = |s: &str| expand_words(s, '\\', &env).unwrap();
    assert_eq!(ws("hello there"), vec!["hello", "there"]);
    assert_eq!(ws("hello${SPACE}bye"), vec!["helloabc", "defbye"]);
    assert_eq!(ws("hello\"${SPACE}\"bye"), vec!["helloabc  defbye"]);
    assert_eq!(ws("hello${LEADING}def"), vec!["hello", "ab", "cdef"]);
    assert_eq!(ws("hello\\ there"), vec!["hello there"]);
    assert_eq!(ws("hello\\\" there"), vec!["hello\"", "there"]);
    assert_eq!(ws("80/tcp 443"), vec!["80/tcp", "443"]);
    assert!(expand_words("hello\" there", '\\', &env).is_err());
}

#[test]
fn lexer_switches() {
    let mut lex = Lex::new('\\');
    lex.skip_unset_env = true;
    assert_eq!(lex.process_word("$X ${Y} ${Z:-d} $PWD", &env).unwrap(), "$X ${Y} ${Z:-d} /home");
    let mut raw = Lex::new('\\');
    raw.raw_quotes = true;
    raw.raw_escapes = true;
    assert_eq!(raw.process_words("cat <<\"EOF\" a\\ b", &env).unwrap(), vec!["cat", "<<\"EOF\"", "a\\ b"]);
    let mut body = Lex::new('\\');
    body.skip_process_quotes = true;
    assert_eq!(body.process_word("echo \"$SHELL\" '$PWD'\n", &env).unwrap(), "echo \"bash\" '/home'\n");
}

#[test]
fn go_quoting() {
    assert_eq!(go_quote("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
}
