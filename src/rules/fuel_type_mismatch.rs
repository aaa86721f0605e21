use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule, fuel_word};
use crate::model::{DocKind, FuelType, Ident};
use rust_decimal::Decimal;

declare_rule! {
    /// A receipt or invoice line for a fuel the vehicle does not use: petrol for a diesel
    /// vehicle, say. Fuel names are folded first (gasoil, gazole and DSL are diesel; essence,
    /// super and SP95 are petrol).
    FuelTypeMismatch, High
}

impl FuelTypeMismatch {
    fn mismatch(
        ctx: &Context<'_>,
        fuel: &Option<FuelType>,
        vehicle: &Option<Ident>,
    ) -> Option<(FuelType, FuelType)> {
        let bought = fuel.as_ref()?;
        let expected = ctx.vehicle(vehicle)?.fuel_type.as_ref()?;
        let differs = match (bought, expected) {
            // A word fuelrecon does not know, or a product that is not fuel, is no mismatch.
            (a, b) if !a.is_known_fuel() || !b.is_known_fuel() => false,
            (FuelType::Other(a), FuelType::Other(b)) => {
                crate::model::fold_name(a) != crate::model::fold_name(b)
            }
            (a, b) => a != b,
        };
        differs.then(|| (bought.clone(), expected.clone()))
    }
}

impl Rule for FuelTypeMismatch {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Vehicles]).or_else(|| {
            let typed = ctx.data.vehicles.iter().any(|v| v.fuel_type.is_some());
            (!typed).then(|| Message::new("not-run-no-fuel-type"))
        })
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let info = &Self::INFO;
        for (index, receipt) in ctx.fuel_receipts() {
            if let Some((bought, expected)) =
                Self::mismatch(ctx, &receipt.fuel_type, &receipt.vehicle_id)
            {
                out.push(
                    Exception::on_receipt(info, index, receipt)
                        .at_risk(receipt.amount().unwrap_or(Decimal::ZERO))
                        .message(
                            Message::new("msg-fuel-type-receipt")
                                .shown("receipt", &receipt.receipt_no, "msg-no-number")
                                .arg("bought", fuel_word(&Some(bought.clone())))
                                .shown_or_blank("vehicle", &receipt.vehicle_id)
                                .arg("expected", fuel_word(&Some(expected.clone()))),
                        )
                        .evidence("fuel_type", bought.to_string())
                        .evidence("vehicle_fuel_type", expected.to_string()),
                );
            }
        }
        for (index, line) in ctx.fuel_lines() {
            let vehicle = ctx.line_vehicle(index);
            if let Some((bought, expected)) = Self::mismatch(ctx, &line.fuel_type, vehicle) {
                out.push(
                    Exception::on_line(info, index, line)
                        .at_risk(line.amount().unwrap_or(Decimal::ZERO))
                        .message(
                            Message::new("msg-fuel-type-line")
                                .shown("invoice", &line.invoice_no, "msg-no-number")
                                .int("line", i64::from(line.line_no))
                                .arg("bought", fuel_word(&Some(bought.clone())))
                                .shown_or_blank("vehicle", vehicle)
                                .arg("expected", fuel_word(&Some(expected.clone()))),
                        )
                        .evidence("fuel_type", bought.to_string())
                        .evidence("vehicle_fuel_type", expected.to_string()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn bought(fuel: FuelType) -> Vec<Exception> {
        let mut data = dataset();
        let mut v = vehicle("V1");
        v.fuel_type = Some(FuelType::Diesel);
        data.vehicles.push(v);
        let mut r = receipt("R1", "V1", "2020-03-05", "40", "30000");
        r.fuel_type = Some(fuel);
        data.receipts.push(r);
        check(&FuelTypeMismatch, data)
    }

    #[test]
    fn petrol_in_a_diesel_vehicle_is_raised() {
        let found = bought(FuelType::Petrol);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("30000"));
    }

    #[test]
    fn a_line_without_a_vehicle_is_checked_against_its_receipts_vehicle() {
        let mut data = dataset();
        let mut v = vehicle("V1");
        v.fuel_type = Some(FuelType::Diesel);
        data.vehicles.push(v);
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
        let mut l = line("INV1", 1, "R1", "40", "30000");
        l.fuel_type = Some(FuelType::Petrol);
        data.invoice_lines.push(l);
        assert_eq!(check(&FuelTypeMismatch, data).len(), 1);
    }

    #[test]
    fn the_right_fuel_is_silent() {
        assert!(bought(FuelType::Diesel).is_empty());
    }
}
