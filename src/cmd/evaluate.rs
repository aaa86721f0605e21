//! `fuelrecon evaluate`: read a tested sample back, print what it allows the auditor to
//! conclude and write evaluation.html beside it (SPEC §7).

use crate::cli::EvaluateArgs;
use crate::cmd::Outcome;
use crate::i18n::{Args, Lang, format_money, format_number, text};
use crate::pages::Pages;
use crate::sample::folder::{self, EVALUATION_PAGE};
use crate::sample::sheet;
use crate::sample::workpaper::{self, Conclusion};

/// What marks an evaluation.html as fuelrecon's, so a later evaluation may replace it.
const GENERATOR: &str = r#"<meta name="generator" content="fuelrecon evaluate">"#;

pub fn run(args: EvaluateArgs) -> anyhow::Result<Outcome> {
    let filled = sheet::read(&args.sample)?;
    let lang: Lang = filled.plan.lang.parse().unwrap_or(Lang::EN);
    let conclusion = workpaper::conclude(&filled);
    print_conclusion(lang, &filled.plan.confidence, &conclusion);
    let view = workpaper::evaluation_view(&filled, conclusion);
    let page = Pages::new(lang, None)?
        .render("evaluation.html", &tera::Context::from_serialize(&view)?)?;
    let path = args.sample.with_file_name(EVALUATION_PAGE);
    folder::write_beside(&path, page.as_bytes(), |old| old.contains(GENERATOR))?;
    println!(
        "{}",
        text(
            lang,
            "cli-evaluate-written",
            &Args::new().text("file", path.display().to_string()),
        )
    );
    Ok(Outcome::Done)
}

fn print_conclusion(lang: Lang, confidence: &rust_decimal::Decimal, conclusion: &Conclusion) {
    let args = Args::new()
        .int("deviations", conclusion.deviations as i64)
        .int("size", conclusion.size as i64)
        .text(
            "confidence",
            format_number(lang, confidence * rust_decimal::Decimal::ONE_HUNDRED),
        );
    let line = match (&conclusion.upper_rate_percent, &conclusion.monetary) {
        (_, Some(monetary)) => text(
            lang,
            "cli-evaluate-monetary",
            &args
                .text("projected", format_money(lang, monetary.projected))
                .text("limit", format_money(lang, monetary.upper_limit)),
        ),
        (rate, None) => text(
            lang,
            "cli-evaluate-attribute",
            &args.text("limit", format_number(lang, rate.unwrap_or_default())),
        ),
    };
    println!("{line}");
    let verdict = match conclusion.accept {
        Some(true) => "evaluation-accept",
        Some(false) => "evaluation-reject",
        None => "evaluation-no-tolerable",
    };
    println!("{}", text(lang, verdict, &Args::new()));
}
