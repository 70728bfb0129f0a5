package dev.fjord.webhook.internal;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * RSA keys in PEM, with the JDK only. Private keys are read as PKCS#8 ({@code BEGIN PRIVATE KEY}) or as PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, what {@code openssl genrsa} writes and Lago's {@code LAGO_RSA_PRIVATE_KEY} holds).
 */
final class RsaPem {
    /** The DER prefix of a PKCS#8 structure: version 0 and the rsaEncryption algorithm identifier. */
    private static final byte[] PKCS8_RSA_HEADER = HexFormat.of().parseHex("020100300d06092a864886f70d0101010500");

    private RsaPem() {}

    static KeyPair keyPair(String privateKeyPem) {
        try {
            boolean pkcs1 = privateKeyPem.contains("BEGIN RSA PRIVATE KEY");
            byte[] der = body(privateKeyPem);
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            var privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
            PublicKey publicKey = rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("the webhook RSA private key is not a PEM RSA private key", e);
        }
    }

    static String privateKey(KeyPair keys) {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    static String publicKey(KeyPair keys) {
        return pem("PUBLIC KEY", keys.getPublic().getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] body(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    /** Wraps a PKCS#1 RSAPrivateKey into PKCS#8: SEQUENCE { version, algorithm, OCTET STRING { key } }. */
    private static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(PKCS8_RSA_HEADER);
        content.writeBytes(tagged(0x04, pkcs1));
        return tagged(0x30, content.toByteArray());
    }

    private static byte[] tagged(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
