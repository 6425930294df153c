//! Where the bytes that end a plain cell (the delimiter, a quote, CR, LF) are among
//! sixteen bytes, as sixteen bits: one test a block instead of one a byte, so a line is
//! split in a few steps a cell (`plain.rs`). `wide` turns it into the processor's
//! sixteen-byte compares (SSE2 on every x86-64, NEON on ARM) without unsafe code.

use wide::u8x16;

/// The four bytes a plain cell ends at, spread over sixteen lanes once per file.
#[derive(Debug, Clone, Copy)]
pub(super) struct Specials {
    delimiter: u8x16,
}

impl Specials {
    pub fn new(delimiter: u8) -> Specials {
        Specials {
            delimiter: u8x16::splat(delimiter),
        }
    }

    /// Bit `i` is set when byte `i` of `block` is the delimiter, `"`, CR or LF.
    #[inline]
    pub fn marks(&self, block: [u8; 16]) -> u32 {
        let bytes = u8x16::new(block);
        let found = bytes.simd_eq(self.delimiter)
            | bytes.simd_eq(u8x16::splat(b'"'))
            | bytes.simd_eq(u8x16::splat(b'\n'))
            | bytes.simd_eq(u8x16::splat(b'\r'));
        found.to_bitmask()
    }

    /// [`Specials::marks`] for sixty-four bytes: a line of an HR export is two or three
    /// such blocks, so the walk over its marks ends its loop (and mispredicts that end)
    /// two or three times instead of ten.
    #[inline]
    pub fn marks64(&self, block: &[u8; 64]) -> u64 {
        let (quarters, _) = block.as_chunks::<16>();
        quarters.iter().enumerate().fold(0, |marks, (i, quarter)| {
            marks | (u64::from(self.marks(*quarter)) << (16 * i))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn byte_by_byte(block: &[u8], delimiter: u8) -> u64 {
        (0..block.len())
            .filter(|&i| matches!(block[i], b'"' | b'\n' | b'\r') || block[i] == delimiter)
            .fold(0, |marks, i| marks | (1 << i))
    }

    #[test]
    fn every_byte_in_every_place_is_marked_as_byte_by_byte() {
        for delimiter in [b',', b';', b'\t', b'|'] {
            let specials = Specials::new(delimiter);
            for place in 0..16 {
                for byte in 0..=255u8 {
                    // The byte among plain bytes, and among every special byte.
                    for around in [b'a', 0x80, b'\n', b'"', delimiter] {
                        let mut block = [around; 16];
                        block[place] = byte;
                        let expected = byte_by_byte(&block, delimiter);
                        assert_eq!(u64::from(specials.marks(block)), expected, "{block:?}");
                    }
                }
            }
            for place in 0..64 {
                for byte in [b'a', b'"', b'\n', b'\r', delimiter, 0x80, 0xFF, 0] {
                    for around in [b'a', b',', b'"'] {
                        let mut block = [around; 64];
                        block[place] = byte;
                        let expected = byte_by_byte(&block, delimiter);
                        assert_eq!(specials.marks64(&block), expected, "{block:?}");
                    }
                }
            }
        }
    }
}
