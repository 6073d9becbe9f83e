package emulate

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"time"
)

// certificateValidity is how long a certificate of NewCertificate is valid,
// from an hour before it is made (to allow for clock skew).
const certificateValidity = 30 * 24 * time.Hour

// NewCertificate returns a new self-signed certificate for the loopback
// names (127.0.0.1, ::1 and localhost) with a fresh ECDSA P-256 key: what
// the CodeCatalyst emulator presents (the SDKs send bearer tokens over
// HTTPS only).
//
// It is a leaf, not a certificate authority: its basic constraints say
// CA:FALSE and it may not sign certificates, so trusting it (the AWS CLI's
// --ca-bundle, AWS_CA_BUNDLE, a ca_bundle in a profile) trusts this one
// certificate for the loopback names and nothing else. Its private key
// never leaves the process, so no one else can make a certificate that
// verifies against it.
func NewCertificate() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("emulator certificate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("emulator certificate serial: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{Organization: []string{"awsevents codecatalysttest"}, CommonName: "codecatalysttest emulator"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(certificateValidity),
		BasicConstraintsValid: true,
		IsCA:                  false,
		// Go's crypto/x509 and OpenSSL (the AWS CLI's Python) both take a
		// self-signed leaf in the trusted pool as a trust anchor; neither
		// lets it issue certificates.
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:    []string{"localhost"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("emulator certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("emulator certificate: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
}
