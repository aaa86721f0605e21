use super::{Context, Exception, Rule, RuleInfo, declare_rule, say, shown};
use crate::model::DocKind;

declare_rule! {
    /// ## What it catches
    /// A receipt timed outside the `working_hours` of the config (`"06:00-18:00"`; a range
    /// such as `"22:00-06:00"` runs over midnight). It runs only when working hours are set,
    /// and only on receipts that give a time.
    /// ## Why it matters to an auditor
    /// Official vehicles fill up during official hours; fills at night or at dawn deserve a
    /// question.
    /// ## Example
    /// Receipt 55012 is timed 23:40 with working hours 06:00–18:00.
    /// ## Amount at risk
    /// 0.
    OffHoursFill, Low, "a fill outside working hours"
}

impl Rule for OffHoursFill {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        ctx.lacks(&[DocKind::Receipts]).or_else(|| {
            ctx.config
                .working_hours
                .is_none()
                .then(|| "working_hours is not set in the config".to_string())
        })
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let Some((start, end)) = ctx.config.working_hours else {
            return;
        };
        for (index, receipt) in ctx.data.receipts.iter().enumerate() {
            let Some(time) = receipt.time else { continue };
            let inside = if start <= end {
                start <= time && time <= end
            } else {
                time >= start || time <= end
            };
            if inside {
                continue;
            }
            let hours = format!("{}-{}", start.format("%H:%M"), end.format("%H:%M"));
            out.push(
                Exception::on_receipt(&Self::INFO, index, receipt)
                    .message(say!(
                        ctx,
                        "Receipt {} is timed {}, outside the working hours {hours}.",
                        "Le reçu {} est horodaté {}, hors des heures de service {hours}.",
                        shown(&receipt.receipt_no, "(no number)"),
                        time.format("%H:%M")
                    ))
                    .evidence("time", time.format("%H:%M:%S").to_string())
                    .evidence("working_hours", hours),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;
    use chrono::NaiveTime;

    fn at(hour: u32, minute: u32) -> Vec<Exception> {
        let mut data = dataset();
        let mut r = receipt("R1", "V1", "2020-03-05", "40", "100");
        r.time = NaiveTime::from_hms_opt(hour, minute, 0);
        data.receipts.push(r);
        let mut config = crate::config::Config::defaults();
        config.working_hours = Some((
            NaiveTime::from_hms_opt(6, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        ));
        check_with(&OffHoursFill, data, &config)
    }

    #[test]
    fn a_fill_after_hours_is_raised() {
        assert_eq!(at(18, 1).len(), 1);
        assert_eq!(at(5, 59).len(), 1);
    }

    #[test]
    fn a_fill_at_the_edges_of_the_day_is_silent() {
        assert!(at(18, 0).is_empty());
        assert!(at(6, 0).is_empty());
    }
}
