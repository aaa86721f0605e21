//! The views the sample and evaluation pages render.
