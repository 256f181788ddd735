//! `--region` as clap sees it: the region names hec-proto knows, for `--help` and shell
//! completion. The value itself is checked later, by hec-proto, together with `HEC_BASE_URL` and
//! whatever level (command line or environment) it came from.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};
use clap::{Arg, Command, ValueEnum};
use hec_proto::Region;

/// A [`Region`] as a clap [`ValueEnum`]: its possible values are hec-proto's regions, by code,
/// with their names as help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RegionArg(pub(crate) Region);

/// Every region, in hec-proto's order.
static REGIONS: [RegionArg; Region::ALL.len()] = {
    let mut regions = [RegionArg(Region::ALL[0]); Region::ALL.len()];
    let mut index = 0;
    while index < Region::ALL.len() {
        regions[index] = RegionArg(Region::ALL[index]);
        index += 1;
    }
    regions
};

impl ValueEnum for RegionArg {
    fn value_variants<'a>() -> &'a [Self] {
        &REGIONS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.code()).help(self.0.name()))
    }
}

/// The value parser of `--region`: any text (hec-proto reads it, with its aliases, and says what
/// is wrong), offering [`RegionArg`]'s values for help and completion. Refusing here would refuse
/// a stray `HEC_REGION` even with `--mock`, which ignores the gateway.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RegionValues;

impl TypedValueParser for RegionValues {
    type Value = String;

    fn parse_ref(&self, command: &Command, arg: Option<&Arg>, value: &OsStr) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(command, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(RegionArg::value_variants().iter().filter_map(ValueEnum::to_possible_value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_possible_values_are_hec_protos_regions_in_order() {
        let values: Vec<String> =
            RegionValues.possible_values().into_iter().flatten().map(|v| v.get_name().to_owned()).collect();
        let codes: Vec<&str> = Region::ALL.into_iter().map(Region::code).collect();
        assert_eq!(values, codes);
    }
}
