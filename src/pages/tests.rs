//! Templates speak the language they are bound to, escape what they show, and yield to an
//! organisation's own files.

use std::fs;

use tera::Context;

use super::*;

fn fr() -> Lang {
    "fr".parse().unwrap()
}

/// A folder holding `files` (name, text), for `--templates`.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

const SAMPLE: &str = r#"<p lang="{{ lang }}">{{ t(id="document-count-trip", count=n) }}; {{ amount | money }}; {{ litres | number }}; {{ ratio | number(dp=1) }}; {{ day | date }}; {{ stamp | date }}; [{{ missing | money }}]; {{ vendor }}; {{ t(id="cli-unknown-language", code=vendor, available="en") }}</p>"#;

fn sample_context() -> Context {
    let mut context = Context::new();
    context.insert("n", &1234);
    context.insert("amount", "1234567.50");
    context.insert("litres", "45.50");
    context.insert("ratio", "12.345");
    context.insert("day", "2020-03-05");
    context.insert("stamp", "2020-03-05T14:30:00");
    context.insert("missing", &Option::<String>::None);
    context.insert("vendor", "<script>alert(1)</script>");
    context
}

#[test]
fn a_page_speaks_its_language_and_escapes_values() {
    let dir = folder(&[("sample.html.tera", SAMPLE)]);
    let english = Pages::new(Lang::EN, Some(dir.path())).unwrap();
    assert_eq!(
        english.render("sample.html", &sample_context()).unwrap(),
        "<p lang=\"en\">1,234 trip tickets; 1,234,567.50; 45.5; 12.3; 2020-03-05; 2020-03-05; []; \
         &lt;script&gt;alert(1)&lt;/script&gt;; unknown language &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;: use one of en</p>"
            .replace("\\\n         ", ""),
    );
    let french = english.for_lang(fr());
    let nbsp = '\u{a0}';
    assert_eq!(
        french.render("sample.html", &sample_context()).unwrap(),
        format!(
            "<p lang=\"fr\">1{nbsp}234 feuilles de route; 1{nbsp}234{nbsp}567,50; 45,5; 12,3; 05/03/2020; 05/03/2020; []; \
             &lt;script&gt;alert(1)&lt;/script&gt;; langue inconnue &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; : choisissez parmi en</p>"
        ),
    );
}

#[test]
fn the_embedded_partial_renders_in_every_language() {
    for lang in Lang::all() {
        let pages = Pages::new(lang, None).unwrap();
        let html = pages
            .render("partials/indicator_note.html", &Context::new())
            .unwrap();
        assert!(html.starts_with("<p class=\"indicator-note\">"), "{html}");
        assert!(
            html.contains(&i18n::text(lang, "indicator-note", &Args::new()).replace('\'', "&#39;")),
            "{html}"
        );
    }
}

#[test]
fn an_override_replaces_the_embedded_template() {
    let dir = folder(&[("partials/indicator_note.html", "<p>Our own words</p>")]);
    let pages = Pages::new(Lang::EN, Some(dir.path())).unwrap();
    assert_eq!(
        pages
            .render("partials/indicator_note.html", &Context::new())
            .unwrap(),
        "<p>Our own words</p>"
    );
}

#[test]
fn a_broken_override_names_its_file_and_line() {
    let dir = folder(&[(
        "partials/indicator_note.html.tera",
        "<p>\n{{ t(id=\"x\" }}</p>",
    )]);
    let error = Pages::new(Lang::EN, Some(dir.path())).err().unwrap();
    let message = error.to_string();
    let file = dir.path().join("partials/indicator_note.html.tera");
    assert!(
        message.starts_with(&format!(
            "{}: the template does not compile: line 2",
            file.display()
        )),
        "{message}"
    );
    assert!(!message.contains('\n'), "one line: {message}");

    let letterhead = "{% block before_invoice_rows %}<p>\n{{ letterhead() }}</p>{% endblock %}\
                      {% block before_disputed_lines %}{% endblock %}\
                      {% block after_disputed_lines %}{% endblock %}";
    let dir = folder(&[("letter.html", letterhead)]);
    let message = Pages::new(Lang::EN, Some(dir.path()))
        .err()
        .unwrap()
        .to_string();
    let file = dir.path().join("letter.html");
    assert_eq!(
        message,
        format!(
            "{}: the template does not compile: line 2, column 4: Unknown function `letterhead`",
            file.display()
        )
    );
}

#[test]
fn an_own_index_page_without_its_blocks_is_refused_when_read_naming_the_block() {
    let dir = folder(&[(
        "index.html",
        "{% block before_exception_rows %}<table>{% endblock before_exception_rows %}</table>",
    )]);
    let error = Pages::new(Lang::EN, Some(dir.path())).err().unwrap();
    assert!(matches!(error, PagesError::MissingBlock { .. }), "{error}");
    let message = error.to_string();
    assert!(
        message.starts_with(&dir.path().join("index.html").display().to_string())
            && message.contains("`after_exception_rows`"),
        "{message}"
    );

    let kept = "{%- block before_exception_rows -%}<table>{%endblock%}\n\
                {%   block   after_exception_rows %}</table>{% endblock %}";
    let dir = folder(&[("index.html", kept)]);
    assert!(Pages::new(Lang::EN, Some(dir.path())).is_ok());
}

#[test]
fn an_own_letter_without_its_blocks_is_refused_when_read_naming_the_block() {
    // A letterhead copied from an older letter.html: the whole page, its lines in a loop.
    let whole =
        "<h1>Letterhead</h1>{% for line in lines %}<p>{{ line.invoice_no }}</p>{% endfor %}";
    let dir = folder(&[("letter.html", whole)]);
    let error = Pages::new(Lang::EN, Some(dir.path())).err().unwrap();
    assert!(matches!(error, PagesError::MissingBlock { .. }), "{error}");
    let message = error.to_string();
    assert!(
        message.starts_with(&dir.path().join("letter.html").display().to_string())
            && message.contains("`before_invoice_rows`")
            && message.contains("templates/letter.html.tera"),
        "{message}"
    );

    let two_of_three = "{% block before_invoice_rows %}<table>{% endblock %}\n\
                        {% block after_disputed_lines %}</table>{% endblock %}";
    let dir = folder(&[("letter.html", two_of_three)]);
    let message = Pages::new(Lang::EN, Some(dir.path()))
        .err()
        .unwrap()
        .to_string();
    assert!(message.contains("`before_disputed_lines`"), "{message}");

    let kept = "{%- block before_invoice_rows -%}<table>{%endblock%}\n\
                {% block before_disputed_lines %}</table><table>{% endblock %}\n\
                {%   block   after_disputed_lines %}</table>{% endblock %}";
    let dir = folder(&[("letter.html", kept)]);
    assert!(Pages::new(Lang::EN, Some(dir.path())).is_ok());
}

#[test]
fn a_missing_overrides_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let error = Pages::new(Lang::EN, Some(&missing)).err().unwrap();
    assert!(matches!(error, PagesError::ReadOverrides { .. }), "{error}");
    assert!(error.to_string().contains("nowhere"), "{error}");
}

#[test]
fn unknown_messages_and_bad_values_are_render_errors() {
    let dir = folder(&[
        ("unknown.html", r#"{{ t(id="no-such-message") }}"#),
        ("no_argument.html", r#"{{ t(id="document-count-trip") }}"#),
        ("bad_money.html", r#"{{ "12 francs" | money }}"#),
        ("bad_date.html", r#"{{ "05/03/2020" | date }}"#),
    ]);
    let pages = Pages::new(Lang::EN, Some(dir.path())).unwrap();
    let error = |name: &str| {
        pages
            .render(name, &Context::new())
            .err()
            .unwrap()
            .to_string()
    };
    assert!(
        error("unknown.html").contains("no message \"no-such-message\""),
        "{}",
        error("unknown.html")
    );
    assert!(
        error("no_argument.html").contains("count"),
        "{}",
        error("no_argument.html")
    );
    assert!(
        error("bad_money.html").contains("12 francs"),
        "{}",
        error("bad_money.html")
    );
    assert!(
        error("bad_date.html").contains("05/03/2020"),
        "{}",
        error("bad_date.html")
    );
    assert!(
        error("bad_date.html").starts_with("template bad_date.html: line 1"),
        "{}",
        error("bad_date.html")
    );
}

#[test]
fn a_page_written_in_blocks_leaves_out_only_what_lies_between_them() {
    let page = "{#- a page -#}\n{% block top %}<h1>{{ title }}</h1>\n<ul>\n{% endblock top %}\
                {% for row in rows %}<li>{{ row }}</li>\n{% endfor %}\
                {% block bottom %}</ul>\n<p>{{ title }}</p>\n{% endblock bottom %}\n";
    let dir = folder(&[("page.html", page)]);
    let pages = Pages::new(Lang::EN, Some(dir.path())).unwrap();
    let mut context = Context::new();
    context.insert("title", "<Fuel>");
    context.insert("rows", &["a"]);
    let mut written = Vec::new();
    pages
        .render_block_to("page.html", "top", &context, &mut written)
        .unwrap();
    written.extend_from_slice(b"<li>streamed</li>\n");
    pages
        .render_block_to("page.html", "bottom", &context, &mut written)
        .unwrap();
    assert_eq!(
        String::from_utf8(written).unwrap(),
        "<h1>&lt;Fuel&gt;</h1>\n<ul>\n<li>streamed</li>\n</ul>\n<p>&lt;Fuel&gt;</p>\n"
    );
}

/// A file that takes `room` bytes, then refuses more as a full disk does.
struct FullDisk {
    room: usize,
}

impl std::io::Write for FullDisk {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.room == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "No space left on device",
            ));
        }
        let taken = bytes.len().min(self.room);
        self.room -= taken;
        Ok(taken)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_page_the_disk_refuses_is_a_write_error_not_the_templates() {
    let dir = folder(&[("page.html", "<p>{{ t(id=\"report-title\") }}</p>")]);
    let pages = Pages::new(Lang::EN, Some(dir.path())).unwrap();
    let error = pages
        .render_to("page.html", &Context::new(), FullDisk { room: 2 })
        .err()
        .unwrap();
    assert!(matches!(error, PagesError::Write { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "cannot write page.html: No space left on device"
    );
}
