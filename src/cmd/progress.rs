//! What a person watching a long run sees on stderr: the stage, and while loading the file
//! and its rows, on one line that redraws itself (indicatif). Nothing at all when stderr is
//! not a terminal, so logs, pipes and tests get only the results. The words come from the
//! catalogue (`cli-progress-*`); the loader reports its rows only every so many rows, so the
//! display costs nothing next to the work.

use crate::i18n::{self, Args, Lang};
use crate::load::{LoadPass, LoadProgress};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

/// The progress line of one run.
pub struct Progress {
    lang: Lang,
    /// None when stderr is not a terminal.
    line: Option<ProgressBar>,
    /// Where each file being loaded is, by source, as shown: files load side by side, and the
    /// line shows them all.
    loading: Mutex<Vec<(String, String)>>,
}

impl Progress {
    pub fn new(lang: Lang) -> Progress {
        let line = std::io::stderr().is_terminal().then(|| {
            let line = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("fuelrecon: {spinner} {elapsed} {msg}")
            {
                line.set_style(style);
            }
            line.enable_steady_tick(Duration::from_millis(200));
            line
        });
        Progress {
            lang,
            line,
            loading: Mutex::new(Vec::new()),
        }
    }

    /// The stage the run has reached, a catalogue message.
    pub fn stage(&self, id: &str, args: &Args<'_>) {
        if let Some(line) = &self.line {
            line.set_message(i18n::text(self.lang, id, args));
        }
    }

    /// The loader's file, pass and rows so far, beside the other files' being loaded.
    pub fn rows(&self, seen: LoadProgress<'_>) {
        let Some(line) = &self.line else {
            return;
        };
        let id = match seen.pass {
            LoadPass::Reading => "cli-progress-loading",
            LoadPass::Rereading => "cli-progress-rereading",
        };
        let args = Args::new()
            .text("file", seen.source)
            .int("rows", i64::try_from(seen.rows).unwrap_or(i64::MAX));
        let text = i18n::text(self.lang, id, &args);
        let Ok(mut loading) = self.loading.lock() else {
            return;
        };
        match loading.iter_mut().find(|(source, _)| source == seen.source) {
            Some((_, shown)) => *shown = text,
            None => loading.push((seen.source.to_string(), text)),
        }
        let all: Vec<&str> = loading.iter().map(|(_, shown)| shown.as_str()).collect();
        line.set_message(all.join(" · "));
    }

    /// Prints a line on stderr above the progress line, which stays.
    pub fn say(&self, text: &str) {
        match &self.line {
            Some(line) => line.suspend(|| eprintln!("fuelrecon: {text}")),
            None => eprintln!("fuelrecon: {text}"),
        }
    }
}

impl Drop for Progress {
    /// The line goes when the run ends (or fails), leaving the results alone on the screen.
    fn drop(&mut self) {
        if let Some(line) = &self.line {
            line.finish_and_clear();
        }
    }
}
