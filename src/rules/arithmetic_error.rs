use super::{
    Context, Exception, Message, Rule, RuleInfo, declare_rule, line_subject, receipt_subject,
};
use crate::model::InvoiceLine;
use foldhash::{HashMap, HashMapExt};
use rust_decimal::Decimal;

declare_rule! {
    /// Sums that do not add up: on a receipt or an invoice line, litres × unit price differs
    /// from the amount by more than `amount_tolerance`; on an invoice, its lines do not add up
    /// to the invoice total (when the file gives one).
    ArithmeticError, Medium
}

impl ArithmeticError {
    fn product(
        ctx: &Context<'_>,
        vendor: Option<&str>,
        litres: Option<Decimal>,
        unit_price: Option<Decimal>,
        amount: Option<Decimal>,
    ) -> Option<(Decimal, Decimal, Decimal)> {
        let (litres, price, amount) = (litres?, unit_price?, amount?);
        let expected = litres.checked_mul(price)?;
        let tolerance = ctx.amount_tolerance(vendor, expected, amount);
        ((amount - expected).abs() > tolerance).then_some((expected, amount, tolerance))
    }
}

impl Rule for ArithmeticError {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        let data = ctx.data;
        let priced = data.receipts.iter().any(|r| r.unit_price().is_some())
            || data
                .invoice_lines
                .iter()
                .any(|l| l.unit_price().is_some() || l.invoice_total().is_some());
        (!priced).then(|| Message::new("not-run-no-unit-prices"))
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let info = &Self::INFO;
        let sum_message = |subject: Message,
                           litres: Decimal,
                           price: Decimal,
                           expected: Decimal,
                           amount: Decimal| {
            Message::new("msg-arithmetic-error")
                .message("subject", subject)
                .number("litres", litres)
                .money("price", price.normalize())
                .money("expected", expected.normalize())
                .money("amount", amount.normalize())
        };
        for (index, receipt) in ctx.data.receipts.iter().enumerate() {
            let vendor = receipt.vendor.as_ref().map(|v| v.key());
            // A credit's sum is the part it gives back, not litres × price.
            if !ctx.links.receipt_credits.is_credit(index)
                && let Some((expected, amount, tolerance)) = Self::product(
                    ctx,
                    vendor,
                    receipt.litres(),
                    receipt.unit_price(),
                    receipt.amount(),
                )
            {
                out.push(
                    Exception::on_receipt(info, index, receipt)
                        .at_risk(ctx.money(amount - expected))
                        .message(sum_message(
                            receipt_subject(receipt),
                            receipt.litres().unwrap_or_default(),
                            receipt.unit_price().unwrap_or_default(),
                            expected,
                            amount,
                        ))
                        .evidence("litres", receipt.litres())
                        .evidence("unit_price", receipt.unit_price())
                        .evidence("expected_amount", expected)
                        .evidence("amount", amount)
                        .evidence("tolerance", tolerance),
                );
            }
        }
        let mut invoices: HashMap<(crate::link::VendorNo, &str), Vec<usize>> = HashMap::new();
        for (index, line) in ctx.data.invoice_lines.iter().enumerate() {
            let vendor = line.vendor.as_ref().map(|v| v.key());
            if !ctx.links.line_credits.is_credit(index)
                && let Some((expected, amount, tolerance)) =
                    Self::product(ctx, vendor, line.litres(), line.unit_price(), line.amount())
            {
                out.push(
                    Exception::on_line(info, index, line)
                        .at_risk(ctx.money(amount - expected))
                        .message(sum_message(
                            line_subject(line),
                            line.litres().unwrap_or_default(),
                            line.unit_price().unwrap_or_default(),
                            expected,
                            amount,
                        ))
                        .evidence("litres", line.litres())
                        .evidence("unit_price", line.unit_price())
                        .evidence("expected_amount", expected)
                        .evidence("amount", amount)
                        .evidence("tolerance", tolerance),
                );
            }
            if let (Some(vendor), Some(invoice)) =
                (ctx.links.keys.line_vendor[index], &line.invoice_no)
            {
                invoices
                    .entry((vendor, invoice.key()))
                    .or_default()
                    .push(index);
            }
        }
        // By vendor, then invoice number, as the report has always listed them.
        let mut invoices: Vec<_> = invoices.into_iter().collect();
        invoices.sort_unstable_by_key(|(key, _)| *key);
        for (_, lines) in &invoices {
            self.check_total(ctx, lines, out);
        }
    }
}

impl ArithmeticError {
    /// An invoice's lines against its total. Runs only when every line's amount was read: a sum
    /// with a missing term proves nothing.
    fn check_total(&self, ctx: &Context<'_>, indexes: &[usize], out: &mut Vec<Exception>) {
        let lines: Vec<&InvoiceLine> = indexes
            .iter()
            .map(|&i| &ctx.data.invoice_lines[i])
            .collect();
        let Some(total) = lines.iter().find_map(|l| l.invoice_total()) else {
            return;
        };
        let amounts: Option<Vec<Decimal>> = lines.iter().map(|l| l.amount()).collect();
        let Some(amounts) = amounts else { return };
        let sum: Decimal = amounts.iter().sum();
        let first = lines[0];
        let tolerance = ctx.amount_tolerance(first.vendor.as_ref().map(|v| v.key()), sum, total);
        if (total - sum).abs() <= tolerance {
            return;
        }
        out.push(
            Exception::on_invoice(&Self::INFO, indexes[0], first)
                .at_risk(ctx.money(total - sum))
                .message(
                    Message::new("msg-invoice-total")
                        .shown("invoice", &first.invoice_no, "msg-no-number")
                        .int("lines", lines.len() as i64)
                        .money("sum", sum.normalize())
                        .money("total", total.normalize()),
                )
                .evidence("sum_of_lines", sum)
                .evidence("invoice_total", total)
                .evidence("lines", lines.len())
                .evidence("tolerance", tolerance),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn priced(amount: &str) -> Vec<Exception> {
        let mut data = dataset();
        let mut l = line("INV1", 1, "R1", "40", amount);
        l.unit_price = Some(d("650").into());
        data.invoice_lines.push(l);
        check(&ArithmeticError, data)
    }

    #[test]
    fn a_product_beyond_tolerance_is_raised_with_the_excess() {
        // 40 × 650 = 26 000; 0.5 % of 26 131 is 130.655.
        let found = priced("26131");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("131"));
    }

    #[test]
    fn a_product_within_tolerance_is_silent() {
        assert!(priced("26130").is_empty());
    }

    #[test]
    fn lines_that_do_not_add_up_to_the_invoice_total() {
        let build = |total: &str| {
            let mut data = dataset();
            for (n, amount) in [(1, "1000"), (2, "2000")] {
                let mut l = line("INV1", n, "R1", "1", amount);
                l.invoice_total = Some(d(total).into());
                data.invoice_lines.push(l);
            }
            check(&ArithmeticError, data)
        };
        let found = build("3100");
        assert_eq!(found.len(), 1);
        assert!(matches!(found[0].target, crate::rules::Target::Invoice(_)));
        assert_eq!(found[0].amount_at_risk, d("100"));
        assert!(build("3015").is_empty());
    }
}
