//! How alike two task texts are, from a 64-bit fingerprint each: a SimHash
//! of the text's character pairs (whitespace removed). Texts that differ by a
//! few characters get fingerprints a few bits apart; unrelated texts about
//! half the bits apart. A mark keeps the fingerprint of the text reviewed, so
//! the task it belongs to can be found again after its text was edited.

/// Bits two fingerprints may differ in for their texts to count as the same
/// task edited a little (of 64; unrelated texts differ in about 32).
pub const SIMILAR_BITS: u32 = 12;

/// The fingerprint of `text`.
pub fn fingerprint(text: &str) -> u64 {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.is_empty() {
        return 0;
    }
    let mut weights = [0i32; 64];
    let mut add = |feature: u64| {
        for (bit, weight) in weights.iter_mut().enumerate() {
            if feature >> bit & 1 == 1 {
                *weight += 1;
            } else {
                *weight -= 1;
            }
        }
    };
    if chars.len() == 1 {
        add(feature_of(chars[0], '\0'));
    }
    for pair in chars.windows(2) {
        add(feature_of(pair[0], pair[1]));
    }
    weights
        .iter()
        .enumerate()
        .filter(|(_, weight)| **weight > 0)
        .fold(0, |print, (bit, _)| print | 1 << bit)
}

fn feature_of(first: char, second: char) -> u64 {
    let mut bytes = [0u8; 8];
    bytes[..4].copy_from_slice(&u32::from(first).to_le_bytes());
    bytes[4..].copy_from_slice(&u32::from(second).to_le_bytes());
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

/// How many bits two fingerprints differ in.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_edit_stays_close_and_another_task_is_far() {
        let reviewed =
            "开工建设人民医院东院区项目,拟设置2000余张床位,按照三级甲等综合医院规划建设。";
        let edited = "开工建设人民医院东院区项目,拟设置2500余张床位,按照三级甲等综合医院规划建设。";
        let other = "加快推进城乡供水一体化工程,完成老旧管网改造120公里,提升农村供水保障水平。";
        let near = distance(fingerprint(reviewed), fingerprint(edited));
        let far = distance(fingerprint(reviewed), fingerprint(other));
        assert!(near <= SIMILAR_BITS, "near {near}");
        assert!(far > SIMILAR_BITS, "far {far}");
        assert_eq!(fingerprint("加快 建设"), fingerprint("加快建设"));
    }
}
