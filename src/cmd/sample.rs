//! `fuelrecon sample`: plan a sample from a report folder, draw it, and write the workpaper,
//! the sheet and the plan into the sample folder (SPEC §7).

use crate::cli::SampleArgs;
use crate::cmd::Outcome;
use crate::i18n::{Args, Lang, format_money, format_number, text};
use crate::pages::Pages;
use crate::sample::folder::{self, SAMPLE_PAGE};
use crate::sample::population::{Filter, Report};
use crate::sample::sheet::{self, PLAN_FILE, PlanFile, SHEET_FILE};
use crate::sample::{Plan, Request, draw, workpaper};
use anyhow::Context as _;
use rand_core::{OsRng, TryRngCore};

pub fn run(args: SampleArgs) -> anyhow::Result<Outcome> {
    let report = Report::open(&args.report)?;
    let lang: Lang = report.lang.parse().unwrap_or(Lang::EN);
    let (seed, seed_drawn) = match args.seed {
        Some(seed) => (seed, false),
        None => (
            OsRng.try_next_u64().map_err(|e| {
                anyhow::anyhow!("cannot draw a seed from the operating system ({e}); give --seed")
            })?,
            true,
        ),
    };
    let request = Request {
        population: args.population,
        filter: Filter {
            codes: args.codes,
            min_severity: args.severity.map(|s| s.as_str().to_string()),
        },
        method: args.method,
        size: args.size,
        confidence: args.confidence,
        tolerable: args.tolerable,
        expected_errors: args.expected_errors,
        seed,
    };
    let sample = draw(&report, &request, args.plan_only)?;
    print_plan(lang, &sample.plan);
    if args.plan_only {
        return Ok(Outcome::Done);
    }
    if seed_drawn {
        println!(
            "{}",
            text(
                lang,
                "cli-sample-seed-drawn",
                &Args::new().text("seed", seed.to_string())
            )
        );
    }
    let out = args.out.unwrap_or_else(|| report.folder.join("sample"));
    let sheet_bytes = sheet::write(&sample).context("cannot write sample.csv")?;
    let pages = Pages::new(lang, None)?;
    let view = workpaper::sample_view(&sample);
    let page = pages.render("sample.html", &tera::Context::from_serialize(&view)?)?;
    let plan_file = PlanFile::new(&sample.plan, sample.selected.len(), &sheet_bytes);
    let plan_bytes = serde_json::to_vec_pretty(&plan_file)?;
    folder::write(
        &out,
        &[
            (SHEET_FILE, &sheet_bytes),
            (PLAN_FILE, &plan_bytes),
            (SAMPLE_PAGE, page.as_bytes()),
        ],
    )?;
    println!(
        "{}",
        text(
            lang,
            "cli-sample-drawn",
            &Args::new()
                .int("selected", sample.selected.len() as i64)
                .text("seed", seed.to_string())
                .text("folder", out.display().to_string()),
        )
    );
    Ok(Outcome::Done)
}

/// The size, the formula and its inputs, as the workpaper shows them.
fn print_plan(lang: Lang, plan: &Plan) {
    let view = workpaper::plan_view(plan);
    let word = |id: &str| text(lang, id, &Args::new());
    println!(
        "{}",
        text(
            lang,
            "cli-sample-plan",
            &Args::new()
                .text("population", word(&view.population))
                .int("count", view.count as i64)
                .int("size", view.size as i64)
                .text("method", word(&view.method)),
        )
    );
    println!("  {}: {}", word("sample-size"), word(&view.basis));
    let percent = |value| {
        text(
            lang,
            "sample-percent",
            &Args::new().text("percent", format_number(lang, value)),
        )
    };
    let mut inputs = vec![(word("sample-confidence"), percent(view.confidence_percent))];
    if let Some(rate) = view.tolerable_rate_percent {
        inputs.push((word("sample-tolerable-rate"), percent(rate)));
    }
    if let Some(amount) = view.tolerable_amount {
        inputs.push((word("sample-tolerable-amount"), format_money(lang, amount)));
    }
    inputs.push((word("sample-expected"), view.expected_errors.to_string()));
    if let Some(factor) = view.factor {
        inputs.push((word("sample-factor"), format_number(lang, factor)));
    }
    if let Some(interval) = view.interval {
        inputs.push((word("sample-interval"), format_number(lang, interval)));
    }
    for (label, value) in inputs {
        println!("  {label}: {value}");
    }
}
