use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule, receipt_price};
use crate::model::DocKind;
use rust_decimal::Decimal;

declare_rule! {
    /// A receipt for more litres than the vehicle's tank holds, beyond `tank_tolerance`
    /// percent (pumps and tank labels are not exact).
    TankCapacityExceeded, High
}

impl Rule for TankCapacityExceeded {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Receipts, DocKind::Vehicles])
            .or_else(|| {
                let sized = ctx.data.vehicles.iter().any(|v| v.tank_litres().is_some());
                (!sized).then(|| Message::new("not-run-no-tank"))
            })
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let tolerance = ctx.config.rules.tank_tolerance;
        for (index, receipt) in ctx.fuel_receipts() {
            let Some(tank) = ctx
                .vehicle(&receipt.vehicle_id)
                .and_then(|v| v.tank_litres())
            else {
                continue;
            };
            let Some(litres) = receipt.litres() else {
                continue;
            };
            let Some(limit) = tank.checked_mul(Decimal::ONE + tolerance / Decimal::ONE_HUNDRED)
            else {
                continue;
            };
            if litres <= limit {
                continue;
            }
            let at_risk =
                receipt_price(receipt).map_or(Decimal::ZERO, |p| ctx.money_of(litres - tank, p));
            out.push(
                Exception::on_receipt(&Self::INFO, index, receipt)
                    .at_risk(at_risk)
                    .message(
                        Message::new("msg-tank-capacity-exceeded")
                            .shown("receipt", &receipt.receipt_no, "msg-no-number")
                            .number("litres", litres)
                            .shown_or_blank("vehicle", &receipt.vehicle_id)
                            .number("tank", tank)
                            .number("limit", limit)
                            .number("tolerance", tolerance),
                    )
                    .evidence("litres", litres)
                    .evidence("tank_litres", tank)
                    .evidence("tank_tolerance_percent", tolerance)
                    .evidence("limit_litres", limit),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn fill(litres: &str) -> Vec<Exception> {
        let mut data = dataset();
        let mut v = vehicle("V1");
        v.tank_litres = Some(d("80").into());
        data.vehicles.push(v);
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", litres, "70000"));
        check(&TankCapacityExceeded, data)
    }

    #[test]
    fn beyond_tank_and_tolerance_is_raised() {
        let found = fill("84.1");
        assert_eq!(found.len(), 1);
        assert!(found[0].amount_at_risk > Decimal::ZERO);
    }

    #[test]
    fn within_the_tolerance_is_silent() {
        assert!(fill("84").is_empty());
    }
}
