### Dispute letters to vendors (disputes/VENDOR.html and .csv).
