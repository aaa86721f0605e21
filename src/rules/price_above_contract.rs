use super::{
    Context, Exception, Message, Rule, RuleInfo, declare_rule, fuel_word, line_subject,
    price_per_litre, receipt_subject,
};
use crate::model::{DocKind, FuelType, Ident, Price, VendorName};
use chrono::NaiveDate;
use foldhash::HashMap;
use rust_decimal::Decimal;

declare_rule! {
    /// A receipt or invoice line whose price per litre is above the contract price for its
    /// vendor, fuel type and date (plus the vendor's `price_tolerance`, 0 unless set). The
    /// fuel type is the record's own, else its vehicle's; the price is the unit price given,
    /// else amount ÷ litres.
    PriceAboveContract, High
}

/// The priced contracts of each vendor (by folded name) and fuel type, in the price list's
/// order: a record looks among its own few, not through the whole list (a year of weekly
/// prices for each vendor and fuel is thousands of rows, looked at for every record).
struct Contracts<'a>(HashMap<(&'a str, &'a FuelType), Vec<&'a Price>>);

impl<'a> Contracts<'a> {
    fn of(prices: &'a [Price]) -> Contracts<'a> {
        let mut contracts: HashMap<_, Vec<&Price>> = HashMap::default();
        for price in prices.iter().filter(|p| p.unit_price().is_some()) {
            if let (Some(vendor), Some(fuel)) = (&price.vendor, &price.fuel_type) {
                contracts
                    .entry((vendor.key(), fuel))
                    .or_default()
                    .push(price);
            }
        }
        Contracts(contracts)
    }

    /// The contract price in force for a vendor, fuel type and date: of those whose period
    /// holds the date, the one that started last (the last listed of those starting together).
    fn in_force(&self, vendor: &VendorName, fuel: &FuelType, on: NaiveDate) -> Option<&'a Price> {
        self.0
            .get(&(vendor.key(), fuel))?
            .iter()
            .copied()
            .filter(|p| {
                p.valid_from.is_none_or(|from| from <= on) && p.valid_to.is_none_or(|to| on <= to)
            })
            .max_by_key(|p| p.valid_from)
    }
}

struct Charged<'a> {
    vendor: Option<&'a VendorName>,
    fuel: Option<FuelType>,
    date: Option<NaiveDate>,
    unit_price: Option<Decimal>,
    amount: Option<Decimal>,
    litres: Option<Decimal>,
}

impl PriceAboveContract {
    fn fuel_of(
        ctx: &Context<'_>,
        own: &Option<FuelType>,
        vehicle: &Option<Ident>,
    ) -> Option<FuelType> {
        own.clone()
            .or_else(|| ctx.vehicle(vehicle).and_then(|v| v.fuel_type.clone()))
    }

    /// The price charged, the contract price, the money at risk and the contract's source, when
    /// the price is above the contract. A unit price given is compared as it is; a price worked
    /// out as amount ÷ litres is compared as money, within the amount tolerance, so that an
    /// amount rounded to the franc is not taken for a price above contract.
    fn excess(
        ctx: &Context<'_>,
        contracts: &Contracts<'_>,
        charged: &Charged<'_>,
    ) -> Option<(Decimal, Decimal, Decimal, String)> {
        let (Some(vendor), Some(fuel), Some(date), Some(litres)) =
            (charged.vendor, &charged.fuel, charged.date, charged.litres)
        else {
            return None;
        };
        let contract = contracts.in_force(vendor, fuel, date)?;
        let contract_price = contract.unit_price()?;
        let tolerance = ctx.price_tolerance(Some(vendor.key()));
        let source = contract.prov.to_string();
        if let Some(price) = charged.unit_price {
            return (price > contract_price + tolerance).then(|| {
                (
                    price,
                    contract_price,
                    ctx.money_of(price - contract_price, litres),
                    source,
                )
            });
        }
        let amount = charged.amount?;
        let price = price_per_litre(None, Some(amount), Some(litres))?;
        let expected = contract_price.checked_mul(litres)?;
        let allowed = expected
            .checked_add(tolerance.checked_mul(litres)?)?
            .checked_add(ctx.amount_tolerance(Some(vendor.key()), amount, expected))?;
        (amount > allowed).then(|| (price, contract_price, ctx.money(amount - expected), source))
    }
}

impl Rule for PriceAboveContract {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Prices]).or_else(|| {
            let priced = ctx.data.prices.iter().any(|p| p.unit_price().is_some());
            (!priced).then(|| Message::new("not-run-no-contract-price"))
        })
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let info = &Self::INFO;
        let contracts = Contracts::of(&ctx.data.prices);
        let describe =
            |subject: Message, price: Decimal, contract: Decimal, fuel: &Option<FuelType>| {
                Message::new("msg-price-above-contract")
                    .message("subject", subject)
                    .money("price", price.round_dp(2).normalize())
                    .arg("fuel", fuel_word(fuel))
                    .money("contract", contract.normalize())
            };
        for (index, receipt) in ctx.fuel_receipts() {
            let charged = Charged {
                vendor: receipt.vendor.as_ref(),
                fuel: Self::fuel_of(ctx, &receipt.fuel_type, &receipt.vehicle_id),
                date: receipt.date,
                unit_price: receipt.unit_price(),
                amount: receipt.amount(),
                litres: receipt.litres(),
            };
            if let Some((price, contract, at_risk, source)) =
                Self::excess(ctx, &contracts, &charged)
            {
                out.push(
                    Exception::on_receipt(info, index, receipt)
                        .at_risk(at_risk)
                        .message(describe(
                            receipt_subject(receipt),
                            price,
                            contract,
                            &charged.fuel,
                        ))
                        .evidence("price_per_litre", price.round_dp(4))
                        .evidence("contract_price", contract)
                        .evidence("litres", receipt.litres())
                        .evidence("contract_source", source),
                );
            }
        }
        for (index, line) in ctx.fuel_lines() {
            let charged = Charged {
                vendor: line.vendor.as_ref(),
                fuel: Self::fuel_of(ctx, &line.fuel_type, ctx.line_vehicle(index)),
                date: line.date.or(line.invoice_date),
                unit_price: line.unit_price(),
                amount: line.amount(),
                litres: line.litres(),
            };
            if let Some((price, contract, at_risk, source)) =
                Self::excess(ctx, &contracts, &charged)
            {
                out.push(
                    Exception::on_line(info, index, line)
                        .at_risk(at_risk)
                        .message(describe(line_subject(line), price, contract, &charged.fuel))
                        .evidence("price_per_litre", price.round_dp(4))
                        .evidence("contract_price", contract)
                        .evidence("litres", line.litres())
                        .evidence("contract_source", source),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn contract(price: &str) -> Price {
        Price {
            prov: crate::model::Provenance {
                source: "prices.csv".into(),
                row: 2,
            },
            problems: crate::model::Problems::new(),
            vendor: VendorName::new("Total"),
            fuel_type: Some(FuelType::Diesel),
            unit_price: Some(d(price).into()),
            valid_from: Some(date("2020-03-01")),
            valid_to: None,
        }
    }

    fn billed_at(unit_price: &str) -> Vec<Exception> {
        let mut data = dataset();
        data.prices.push(contract("650"));
        let mut l = line("INV1", 1, "R1", "40", "26000");
        l.fuel_type = Some(FuelType::Diesel);
        l.unit_price = Some(d(unit_price).into());
        data.invoice_lines.push(l);
        check(&PriceAboveContract, data)
    }

    #[test]
    fn a_price_above_contract_is_raised_with_the_excess_on_all_litres() {
        let found = billed_at("651");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("40"));
    }

    #[test]
    fn the_contract_price_itself_is_silent() {
        assert!(billed_at("650").is_empty());
    }

    #[test]
    fn without_a_unit_price_the_amount_is_compared_within_the_amount_tolerance() {
        let charged = |amount: &str| {
            let mut data = dataset();
            data.prices.push(contract("655"));
            let mut r = receipt("R1", "V1", "2020-03-05", "45.5", amount);
            r.fuel_type = Some(FuelType::Diesel);
            data.receipts.push(r);
            check(&PriceAboveContract, data)
        };
        // 45.5 L × 655 = 29 802.50; rounded to the franc it is no price above contract.
        assert!(charged("29803").is_empty());
        // 0.5 % of 29 952 is 149.76: 29 952 is 149.50 over, within; 29 953 is not.
        assert!(charged("29952").is_empty());
        let found = charged("29953");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("151"));
    }

    #[test]
    fn a_contract_not_yet_in_force_does_not_apply() {
        let mut data = dataset();
        data.prices.push(contract("600"));
        let mut r = receipt("R1", "V1", "2020-02-28", "40", "26000");
        r.fuel_type = Some(FuelType::Diesel);
        data.receipts.push(r);
        assert!(check(&PriceAboveContract, data).is_empty());
    }
}
