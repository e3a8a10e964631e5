//! Ed25519 keys, key files and signed notes: RFC 8032 section 7.1 vectors, RFC 8410 key files, the Go
//! `sumdb/note` vectors, and tamper rejects.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use rmos_core::keys::note::{key_id, Note, NoteError, NoteKey, MAX_SIGNATURES};
use rmos_core::keys::{pem, KeyError, PublicKey, Signature, SigningKey};

struct Vector {
    seed: &'static str,
    public: &'static str,
    message: &'static str,
    signature: &'static str,
}

/// RFC 8032 section 7.1: TEST 1, 2, 3, 1024 (a 1023-byte message) and SHA(abc).
const RFC8032: [Vector; 5] = [
    Vector {
        seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        public: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        message: "",
        signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    },
    Vector {
        seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        public: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        message: "72",
        signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    },
    Vector {
        seed: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        public: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        message: "af82",
        signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    },
    Vector {
        seed: "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
        public: "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
        message: "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f54e9f77b1e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a858efcb8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed185ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f27088d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089beccf80cfe2df16a2cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128bab27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784504df543af8969be3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb751fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34dff7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08d78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e488acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac0943bf6686b64b2579376504ccc493d97e6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5fb93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f1610e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380db2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8cac60c905c15fc910840b94c00a0b9d0",
        signature: "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03",
    },
    Vector {
        seed: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
        public: "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
        message: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        signature: "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
    },
];

fn seed(text: &str) -> [u8; 32] {
    hex::decode(text).unwrap().try_into().unwrap()
}

#[test]
fn rfc8032_vectors_give_the_exact_public_keys_and_signatures() {
    for (n, v) in RFC8032.iter().enumerate() {
        let key = SigningKey::from_seed(seed(v.seed));
        let message = hex::decode(v.message).unwrap();
        assert_eq!(key.public_key().to_hex(), v.public, "vector {n}");
        let signature = key.sign(&message);
        assert_eq!(signature.to_hex(), v.signature, "vector {n}");
        let public = PublicKey::from_hex(v.public).unwrap();
        assert_eq!(
            public.verify(&message, &Signature::from_hex(v.signature).unwrap()),
            Ok(())
        );
        assert_eq!(&key.to_seed()[..], &seed(v.seed)[..]);
    }
    assert_eq!(hex::decode(RFC8032[3].message).unwrap().len(), 1023);
}

#[test]
fn a_signature_fails_on_any_other_message_key_or_flipped_bit() {
    let v = &RFC8032[2];
    let public = PublicKey::from_hex(v.public).unwrap();
    let message = hex::decode(v.message).unwrap();
    let good = Signature::from_hex(v.signature).unwrap();
    let refused = Err(KeyError::BadSignature {
        public_key: v.public.to_owned(),
    });
    assert_eq!(public.verify(b"\xaf\x83", &good), refused);
    assert_eq!(public.verify(b"", &good), refused);
    for byte in 0..64 {
        for bit in [0x01u8, 0x80] {
            let mut bytes = good.to_bytes();
            bytes[byte] ^= bit;
            let bad = Signature::from_bytes(&bytes).unwrap();
            assert_eq!(public.verify(&message, &bad), refused, "byte {byte} bit {bit:#x}");
        }
    }
    let other = PublicKey::from_hex(RFC8032[1].public).unwrap();
    assert!(matches!(
        other.verify(&message, &good),
        Err(KeyError::BadSignature { .. })
    ));
}

#[test]
fn strict_verification_refuses_a_non_canonical_scalar() {
    // S + L (the group order) verifies under a lax check but is not the canonical encoding.
    let v = &RFC8032[0];
    let public = PublicKey::from_hex(v.public).unwrap();
    let mut bytes = Signature::from_hex(v.signature).unwrap().to_bytes();
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for i in 0..32 {
        let sum = u16::from(bytes[32 + i]) + u16::from(L[i]) + carry;
        bytes[32 + i] = (sum & 0xff) as u8;
        carry = sum >> 8;
    }
    assert_eq!(carry, 0);
    let bad = Signature::from_bytes(&bytes).unwrap();
    assert!(matches!(
        public.verify(b"", &bad),
        Err(KeyError::BadSignature { .. })
    ));
}

#[test]
fn key_and_signature_text_is_checked_and_typed() {
    assert_eq!(
        PublicKey::from_hex("zz"),
        Err(KeyError::NotHex { field: "public key" })
    );
    assert_eq!(
        PublicKey::from_hex("abcd"),
        Err(KeyError::WrongLength {
            field: "public key",
            expected: 32,
            found: 2
        })
    );
    // The identity point is on the curve but of small order: no honest key is it.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    assert_eq!(PublicKey::from_bytes(&identity), Err(KeyError::InvalidPublicKey));
    assert_eq!(
        Signature::from_hex(&"ab".repeat(63)),
        Err(KeyError::WrongLength {
            field: "signature",
            expected: 64,
            found: 63
        })
    );
    assert_eq!(
        Signature::from_hex("g0"),
        Err(KeyError::NotHex { field: "signature" })
    );
    assert!(matches!(
        SigningKey::from_slice(&[0; 31]),
        Err(KeyError::WrongLength {
            field: "seed",
            expected: 32,
            found: 31
        })
    ));
    let upper = RFC8032[0].public.to_uppercase();
    assert_eq!(PublicKey::from_hex(&upper).unwrap().to_hex(), RFC8032[0].public);
}

#[test]
fn debug_shows_the_public_key_and_never_the_seed() {
    let key = SigningKey::from_seed(seed(RFC8032[0].seed));
    let shown = format!("{key:?} {key:#?}");
    assert!(shown.contains(RFC8032[0].public));
    assert!(!shown.contains(RFC8032[0].seed));
    assert!(!shown.contains(&RFC8032[0].seed.to_uppercase()));
    assert!(!shown.contains("157, 97")); // the seed's first bytes as a byte list
}

#[test]
fn keys_and_signatures_serialise_as_hex() {
    let public = PublicKey::from_hex(RFC8032[1].public).unwrap();
    let json = serde_json::to_string(&public).unwrap();
    assert_eq!(json, format!("\"{}\"", RFC8032[1].public));
    assert_eq!(serde_json::from_str::<PublicKey>(&json).unwrap(), public);
    let signature = Signature::from_hex(RFC8032[1].signature).unwrap();
    let json = serde_json::to_string(&signature).unwrap();
    assert_eq!(serde_json::from_str::<Signature>(&json).unwrap(), signature);
    let err = serde_json::from_str::<PublicKey>("\"00\"")
        .unwrap_err()
        .to_string();
    assert!(err.contains("public key: 1 bytes, expected 32"), "{err}");
}

// RFC 8410 section 10.3 examples.
const RFC8410_V1: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
-----END PRIVATE KEY-----
";
const RFC8410_V2: &str = "-----BEGIN PRIVATE KEY-----
MHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
oB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB
Z9w7lshQhqowtrbLDFw4rXAxZuE=
-----END PRIVATE KEY-----
";
const RFC8410_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
-----END PUBLIC KEY-----
";
const RFC8410_SEED: &str = "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842";
const RFC8410_PUBLIC_HEX: &str = "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1";

#[test]
fn pkcs8_v1_and_v2_key_files_read_to_the_same_key() {
    for text in [RFC8410_V1, RFC8410_V2] {
        let key = pem::signing_key_from_pem(text).unwrap();
        assert_eq!(hex::encode(*key.to_seed()), RFC8410_SEED);
        assert_eq!(key.public_key().to_hex(), RFC8410_PUBLIC_HEX);
    }
    let public = pem::public_key_from_pem(RFC8410_PUBLIC).unwrap();
    assert_eq!(public.to_hex(), RFC8410_PUBLIC_HEX);
    assert_eq!(pem::public_key_to_pem(&public).unwrap(), RFC8410_PUBLIC);
    assert_eq!(pem::public_key_from_text(RFC8410_PUBLIC_HEX).unwrap(), public);
}

#[test]
fn written_key_files_are_pkcs8_v2_and_read_back() {
    let key = SigningKey::from_seed(seed(RFC8410_SEED));
    let text = pem::signing_key_to_pem(&key).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = BASE64.decode(body).unwrap();
    // OneAsymmetricKey: SEQUENCE, INTEGER version 1 (v2), ..., and the public key as its last 32 bytes.
    assert_eq!(&der[..5], &[0x30, 0x51, 0x02, 0x01, 0x01]);
    assert_eq!(hex::encode(&der[der.len() - 32..]), RFC8410_PUBLIC_HEX);
    assert!(text.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert!(text.ends_with("-----END PRIVATE KEY-----\n"));
    let again = pem::signing_key_from_pem(&text).unwrap();
    assert_eq!(*again.to_seed(), *key.to_seed());
    for n in 0u8..20 {
        let key = SigningKey::from_seed([n; 32]);
        let back = pem::signing_key_from_pem(&pem::signing_key_to_pem(&key).unwrap()).unwrap();
        assert_eq!(back.public_key(), key.public_key());
        let public = pem::public_key_to_pem(&key.public_key()).unwrap();
        assert_eq!(pem::public_key_from_text(&public).unwrap(), key.public_key());
    }
}

fn pem_of(der: &[u8]) -> String {
    format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        BASE64.encode(der)
    )
}

#[test]
fn a_v2_file_whose_public_key_is_not_its_seeds_is_refused() {
    let key = SigningKey::from_seed(seed(RFC8410_SEED));
    let text = pem::signing_key_to_pem(&key).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut der = BASE64.decode(body).unwrap();
    let at = der.len() - 32;
    der[at..].copy_from_slice(&hex::decode(RFC8032[1].public).unwrap());
    let err = pem::signing_key_from_pem(&pem_of(&der)).unwrap_err();
    assert!(
        matches!(
            err,
            KeyError::KeyFile {
                field: "private key PEM",
                ..
            }
        ),
        "{err:?}"
    );
    // One flipped byte in the seed: the stored public key no longer matches.
    let mut der = BASE64
        .decode(
            RFC8410_V2
                .lines()
                .filter(|l| !l.starts_with("-----"))
                .collect::<String>(),
        )
        .unwrap();
    der[16] ^= 1;
    assert!(pem::signing_key_from_pem(&pem_of(&der)).is_err());
}

#[test]
fn key_file_errors_are_typed_and_never_echo_the_key() {
    let err = pem::signing_key_from_pem("not a key").unwrap_err();
    assert!(matches!(
        err,
        KeyError::KeyFile {
            field: "private key PEM",
            ..
        }
    ));
    let err = pem::signing_key_from_pem(RFC8410_PUBLIC).unwrap_err();
    assert!(matches!(
        err,
        KeyError::KeyFile {
            field: "private key PEM",
            ..
        }
    ));
    assert!(!err.to_string().contains("MCow"));
    let err = pem::public_key_from_pem(RFC8410_V1).unwrap_err();
    assert!(matches!(
        err,
        KeyError::KeyFile {
            field: "public key PEM",
            ..
        }
    ));
    assert!(!err.to_string().contains("INTuctv5"));
    assert_eq!(
        pem::public_key_from_text("xyz"),
        Err(KeyError::NotHex { field: "public key" })
    );
}

// golang.org/x/mod/sumdb/note, note_test.go.
const GO_SIGNER: &str = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const GO_VERIFIER: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const GO_TEXT: &str = "If you think cryptography is the answer to your problem,\n\
                       then you don't know what your problem is.\n";
const GO_NOTE: &str = "If you think cryptography is the answer to your problem,
then you don't know what your problem is.

\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=
";

fn go_key() -> SigningKey {
    let encoded = GO_SIGNER.splitn(5, '+').nth(4).unwrap();
    let raw = BASE64.decode(encoded).unwrap();
    assert_eq!(raw[0], 0x01);
    SigningKey::from_slice(&raw[1..]).unwrap()
}

#[test]
fn the_go_note_vector_is_reproduced_byte_for_byte() {
    let key = go_key();
    let verifier = NoteKey::from_verifier_string(GO_VERIFIER).unwrap();
    assert_eq!(verifier.name(), "PeterNeumann");
    assert_eq!(verifier.key_id(), 0xc74f20a3);
    assert_eq!(key_id("PeterNeumann", &key.public_key()), 0xc74f20a3);
    assert_eq!(*verifier.public_key(), key.public_key());
    assert_eq!(verifier.to_verifier_string(), GO_VERIFIER);
    let note = Note::sign(GO_TEXT, "PeterNeumann", &key).unwrap();
    assert_eq!(note.render(), GO_NOTE);
    let opened = Note::open(GO_NOTE, &verifier).unwrap();
    assert_eq!(opened.text(), GO_TEXT);
    assert_eq!(opened.signatures().len(), 1);
    assert_eq!(opened.signatures()[0].key_id, 0xc74f20a3);
}

#[test]
fn every_mangled_go_verifier_key_is_refused() {
    let bytes = GO_VERIFIER.as_bytes();
    for i in 0..=bytes.len() {
        for j in i + 1..=bytes.len() {
            if i == 0 && j == bytes.len() {
                continue;
            }
            let part = std::str::from_utf8(&bytes[i..j]).unwrap();
            assert!(NoteKey::from_verifier_string(part).is_err(), "{part:?}");
        }
    }
    for i in 0..bytes.len() {
        let mut changed = bytes.to_vec();
        changed[i] = changed[i].wrapping_add(1);
        if let Ok(text) = std::str::from_utf8(&changed) {
            assert!(NoteKey::from_verifier_string(text).is_err(), "{text:?}");
        }
    }
}

#[test]
fn a_note_edited_anywhere_or_checked_with_another_key_is_refused() {
    let verifier = NoteKey::from_verifier_string(GO_VERIFIER).unwrap();
    let bad = Err(NoteError::BadSignature {
        name: "PeterNeumann".into(),
        key_id: 0xc74f20a3,
    });
    let edited = GO_NOTE.replace("answer", "Answer");
    assert_eq!(Note::open(&edited, &verifier).map(|_| ()), bad);
    let edited = GO_NOTE.replace("x08go/", "x08go+");
    assert_eq!(Note::open(&edited, &verifier).map(|_| ()), bad);
    let stranger = NoteKey::new("PeterNeumann", SigningKey::from_seed([1; 32]).public_key()).unwrap();
    assert!(matches!(
        Note::open(GO_NOTE, &stranger),
        Err(NoteError::NotSignedByKey { .. })
    ));
    let renamed = NoteKey::new("Peter", verifier.public_key().to_owned()).unwrap();
    assert!(matches!(
        Note::open(GO_NOTE, &renamed),
        Err(NoteError::NotSignedByKey { .. })
    ));
}

#[test]
fn malformed_notes_are_refused_with_the_reason() {
    let malformed = |text: &str| match Note::parse(text) {
        Err(NoteError::Malformed { reason }) => reason,
        other => panic!("{text:?}: {other:?}"),
    };
    assert_eq!(
        malformed("no signatures\n"),
        "no blank line before the signatures"
    );
    assert_eq!(malformed("text\n\n"), "signatures must end with a newline");
    assert_eq!(
        malformed("text\n\n- name AAAAAAAA\n"),
        "signature line must start with an em dash and a space"
    );
    assert_eq!(
        malformed("text\n\n\u{2014} nameonly\n"),
        "signature line must hold a key name and a signature"
    );
    assert_eq!(
        malformed("text\n\n\u{2014} name ***\n"),
        "signature is not base64"
    );
    assert_eq!(
        malformed("text\n\n\u{2014} name AAAAAA==\n"),
        "signature shorter than a key id and one byte"
    );
    assert_eq!(
        malformed("te\u{7}xt\n\n\u{2014} name AAAAAAA=\n"),
        "control character other than newline"
    );
    assert_eq!(
        malformed("text\r\n\n\u{2014} name AAAAAAA=\n"),
        "control character other than newline"
    );
    assert!(matches!(
        Note::parse("text\n\n\u{2014} na+me AAAAAAA=\n"),
        Err(NoteError::InvalidKeyName { .. })
    ));
    let many: String = "\u{2014} name AAAAAAA=\n".repeat(MAX_SIGNATURES + 1);
    assert_eq!(
        Note::parse(&format!("text\n\n{many}")),
        Err(NoteError::TooManySignatures)
    );
    let key = SigningKey::from_seed([2; 32]);
    assert_eq!(
        Note::sign("no newline", "k", &key),
        Err(NoteError::Malformed {
            reason: "text must end with a newline"
        })
    );
    assert_eq!(
        Note::sign("", "k", &key),
        Err(NoteError::Malformed {
            reason: "text is empty"
        })
    );
    assert!(matches!(
        Note::sign("t\n", "a b", &key),
        Err(NoteError::InvalidKeyName { .. })
    ));
    assert!(matches!(
        Note::sign("t\n", "", &key),
        Err(NoteError::InvalidKeyName { .. })
    ));
}

#[test]
fn cosigned_notes_verify_under_each_key_and_keep_unknown_lines() {
    let first = SigningKey::from_seed([3; 32]);
    let second = SigningKey::from_seed([4; 32]);
    let mut note = Note::sign("tree head\n", "ledger", &first).unwrap();
    note.add_signature("witness", &second).unwrap();
    note.add_signature("ledger", &first).unwrap(); // replaces, does not duplicate
    let text = note.render();
    assert_eq!(text.matches('\u{2014}').count(), 2);
    for (name, key) in [("ledger", &first), ("witness", &second)] {
        let verifier = NoteKey::new(name, key.public_key()).unwrap();
        assert_eq!(Note::open(&text, &verifier).unwrap().text(), "tree head\n");
    }
    let parsed = Note::parse(&text).unwrap();
    assert_eq!(parsed, note);
}
