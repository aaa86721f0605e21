//! What a reconcile reads from the ledger (SPEC §9), once, before the rules run: the receipts
//! paid in accepted earlier runs, and the disputes still open. Reconciling never writes to the
//! ledger; a run already accepted does not count against itself when it is run again.

use super::disputes::Dispute;
use super::{Ledger, LedgerError, PaidReceipt};
use std::collections::HashMap;

/// The ledger's memory of earlier months, as this run sees it.
#[derive(Debug, Default)]
pub struct History {
    /// Receipts paid before, by `(fold_name(vendor), normalise_id(receipt_no))`: the first
    /// payment of each.
    paid: HashMap<(String, String), PaidReceipt>,
    /// Disputes still open from other runs, oldest first.
    pub open_disputes: Vec<Dispute>,
}

impl History {
    /// Reads the ledger at `location` read-only. `run_id` is this run's identity (the hash of
    /// its inputs): what it recorded itself is left out.
    pub fn read(location: &str, run_id: &str) -> Result<History, LedgerError> {
        let mut ledger = Ledger::open_read_only(location)?;
        let mut paid = HashMap::new();
        for receipt in ledger.paid_receipts()? {
            if receipt.run_id == run_id {
                continue;
            }
            paid.entry((receipt.vendor_key.clone(), receipt.receipt_key.clone()))
                .or_insert(receipt);
        }
        let open_disputes = ledger
            .open_disputes(None)?
            .into_iter()
            .filter(|d| d.run_id != run_id)
            .collect();
        Ok(History {
            paid,
            open_disputes,
        })
    }

    /// The earlier payment of a receipt, by vendor key and receipt key.
    pub fn paid(&self, vendor_key: &str, receipt_key: &str) -> Option<&PaidReceipt> {
        self.paid
            .get(&(vendor_key.to_string(), receipt_key.to_string()))
    }

    /// A vendor's disputes still open from earlier runs.
    pub fn open_disputes_of<'h>(
        &'h self,
        vendor_key: &'h str,
    ) -> impl Iterator<Item = &'h Dispute> {
        self.open_disputes
            .iter()
            .filter(move |d| d.vendor_key == vendor_key)
    }

    #[cfg(test)]
    pub fn with_paid(receipts: Vec<PaidReceipt>) -> History {
        History {
            paid: receipts
                .into_iter()
                .map(|r| ((r.vendor_key.clone(), r.receipt_key.clone()), r))
                .collect(),
            open_disputes: Vec::new(),
        }
    }
}
