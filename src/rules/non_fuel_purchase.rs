use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule, line_subject};
use super::{fuel_word, receipt_subject};
use crate::model::DocKind;
use rust_decimal::Decimal;

declare_rule! {
    /// A receipt or invoice line whose product is not fuel (SPEC §2.2): a car wash, a shop
    /// item, a lubricant or AdBlue bought on the fuel card or billed as fuel. Credits are left
    /// to the netting of §3.5.
    NonFuelPurchase, Medium
}

impl Rule for NonFuelPurchase {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks_every(&[DocKind::Receipts, DocKind::Invoices])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let info = &Self::INFO;
        let message = |subject: Message, product| {
            Message::new("msg-non-fuel-purchase")
                .message("subject", subject)
                .arg("product", product)
        };
        for (index, receipt) in ctx.data.receipts.iter().enumerate() {
            if !crate::link::is_non_fuel(&receipt.fuel_type)
                || ctx.links.receipt_credits.is_credit(index)
            {
                continue;
            }
            out.push(
                Exception::on_receipt(info, index, receipt)
                    .at_risk(receipt.amount().unwrap_or(Decimal::ZERO))
                    .message(message(
                        receipt_subject(receipt),
                        fuel_word(&receipt.fuel_type),
                    ))
                    .evidence("product", product_text(&receipt.fuel_type))
                    .evidence("amount", receipt.amount()),
            );
        }
        for (index, line) in ctx.data.invoice_lines.iter().enumerate() {
            if !crate::link::is_non_fuel(&line.fuel_type) || ctx.links.line_credits.is_credit(index)
            {
                continue;
            }
            out.push(
                Exception::on_line(info, index, line)
                    .at_risk(line.amount().unwrap_or(Decimal::ZERO))
                    .message(message(line_subject(line), fuel_word(&line.fuel_type)))
                    .evidence("product", product_text(&line.fuel_type))
                    .evidence("amount", line.amount()),
            );
        }
    }
}

/// The product as the document names it, for the evidence.
fn product_text(product: &Option<crate::model::FuelType>) -> String {
    product
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FuelType;
    use crate::rules::testing::*;

    #[test]
    fn a_car_wash_on_the_card_and_a_shop_line_on_the_invoice_are_raised_at_their_amount() {
        let mut data = dataset();
        let mut fill = receipt("T1", "V1", "2017-03-05", "40", "120");
        fill.fuel_type = Some(FuelType::Petrol);
        data.receipts.push(fill);
        let mut wash = receipt("T1", "V1", "2017-03-05", "0", "8.00");
        wash.fuel_type = Some(FuelType::NonFuel("CAR WASH".into()));
        data.receipts.push(wash);
        let mut refund = receipt("T1", "V1", "2017-03-06", "0", "-8.00");
        refund.fuel_type = Some(FuelType::NonFuel("CAR WASH".into()));
        data.receipts.push(refund);
        let mut shop = line("INV1", 2, "T2", "22.14", "61.96");
        shop.fuel_type = Some(FuelType::NonFuel("MERCHANDISE".into()));
        data.invoice_lines.push(shop);
        let found = check(&NonFuelPurchase, data);
        let mut found: Vec<(Option<&str>, Option<u32>, Decimal)> = found
            .iter()
            .map(|e| (e.receipt_no.as_deref(), e.invoice_line, e.amount_at_risk))
            .collect();
        found.sort();
        assert_eq!(
            found,
            vec![
                (Some("T1"), None, d("8.00")),
                (Some("T2"), Some(2), d("61.96")),
            ],
            "the fill and the refund of the wash are not raised"
        );
    }
}
