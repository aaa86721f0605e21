use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::model::DocKind;

declare_rule! {
    /// More than `max_fills_per_day` receipts for one vehicle on one day; raised on each fill
    /// beyond the allowed number (by time, then content).
    MultipleFills, Low
}

impl Rule for MultipleFills {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Receipts])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let allowed = ctx.config.rules.max_fills_per_day as usize;
        let days = ctx.receipts_by_vehicle_day(ctx.fuel_receipts());
        for fills in days.chunk_by(|a, b| a.same_day(b)) {
            if fills.len() <= allowed {
                continue;
            }
            for (position, fill) in fills.iter().enumerate().skip(allowed) {
                let (index, date) = (fill.receipt, fill.date);
                let receipt = &ctx.data.receipts[index];
                out.push(
                    Exception::on_receipt(&Self::INFO, index, receipt)
                        .message(
                            Message::new("msg-multiple-fills")
                                .shown("receipt", &receipt.receipt_no, "msg-no-number")
                                .int("position", position as i64 + 1)
                                .int("fills", fills.len() as i64)
                                .shown_or_blank("vehicle", &receipt.vehicle_id)
                                .date("date", date)
                                .int("allowed", allowed as i64),
                        )
                        .evidence("fills_that_day", fills.len())
                        .evidence("max_fills_per_day", ctx.config.rules.max_fills_per_day),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn fills(count: usize) -> Vec<Exception> {
        let mut data = dataset();
        for n in 0..count {
            data.receipts.push(receipt(
                &format!("R{n}"),
                "V1",
                "2020-03-05",
                &format!("{}", 10 + n),
                "100",
            ));
        }
        check(&MultipleFills, data)
    }

    #[test]
    fn the_third_fill_of_a_day_is_raised() {
        assert_eq!(fills(3).len(), 1);
    }

    #[test]
    fn two_fills_are_silent() {
        assert!(fills(2).is_empty());
    }
}
