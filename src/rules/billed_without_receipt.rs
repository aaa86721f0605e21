use super::{Context, Exception, Rule, RuleInfo, declare_rule, say, shown};
use crate::model::DocKind;
use rust_decimal::Decimal;

declare_rule! {
    /// ## What it catches
    /// An invoice line that no receipt backs: its receipt number matches no receipt of the same
    /// vendor, and no unbilled receipt of the same vendor, vehicle, date (± `date_window_days`)
    /// and litres (± `litres_tolerance`) was found either.
    /// ## Why it matters to an auditor
    /// Paying a line without a receipt is paying on the vendor's word alone: the control the
    /// audit found missing.
    /// ## Example
    /// Invoice F-2020-031 line 4 bills receipt 55012, and Total has no receipt 55012.
    /// ## Amount at risk
    /// The line's amount.
    BilledWithoutReceipt, High, "an invoice line has no matching receipt"
}

impl Rule for BilledWithoutReceipt {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        ctx.lacks(&[DocKind::Invoices, DocKind::Receipts])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        for (index, line) in ctx.data.invoice_lines.iter().enumerate() {
            if ctx.links.line_receipt[index].is_some() {
                continue;
            }
            let why = match &line.receipt_no {
                Some(number) => say!(
                    ctx,
                    "its receipt number {number} matches no receipt of {}",
                    "son numéro de reçu {number} ne correspond à aucun reçu de {}",
                    line.vendor.as_ref().map_or_else(
                        || say!(ctx, "the vendor", "ce fournisseur"),
                        ToString::to_string
                    )
                ),
                None => say!(
                    ctx,
                    "it gives no receipt number",
                    "elle ne donne aucun numéro de reçu"
                ),
            };
            out.push(
                Exception::on_line(&Self::INFO, index, line)
                    .at_risk(line.amount.unwrap_or(Decimal::ZERO))
                    .message(say!(ctx, "Invoice {} line {} is not backed by a receipt: {why}, and no unbilled receipt of the same vehicle, date and litres was found. A receipt is required before payment.", "La facture {} ligne {} n'est justifiée par aucun reçu : {why}, et aucun reçu non facturé du même véhicule, de la même date et du même volume n'a été trouvé. Un reçu est exigé avant paiement.",
                        shown(&line.invoice_no, "(no number)"),
                        line.line_no
                    ))
                    .evidence("receipt_no", line.receipt_no.as_ref().map(ToString::to_string).unwrap_or_default())
                    .evidence("litres", line.litres)
                    .evidence("amount", line.amount)
                    .evidence("litres_tolerance", ctx.litres_tolerance(line.vendor.as_ref().map(|v| v.key())))
                    .evidence("date_window_days", ctx.config.rules.date_window_days),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn a_line_whose_receipt_does_not_exist_is_raised_with_its_amount() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
        data.invoice_lines
            .push(line("INV1", 1, "R2", "40", "30000"));
        let found = check(&BilledWithoutReceipt, data);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("30000"));
    }

    #[test]
    fn a_line_without_number_matches_within_the_litres_tolerance_and_not_beyond() {
        let build = |litres: &str| {
            let mut data = dataset();
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
            let mut l = line("INV1", 1, "", litres, "30000");
            l.vehicle_id = id("V1");
            l.date = Some(date("2020-03-06"));
            data.invoice_lines.push(l);
            data
        };
        assert!(check(&BilledWithoutReceipt, build("40.5")).is_empty());
        assert_eq!(check(&BilledWithoutReceipt, build("40.6")).len(), 1);
    }
}
