"""ipaddress as a workload: parsing IPv4 and IPv6 addresses and networks,
membership, comparisons, sorting and summarising.

main(n) parses n addresses of each family and returns counts and a
checksum."""

import ipaddress

COMPILE_ALSO = ("ipaddress",)
DEFAULT_N = 13000


def main(n):
    nets = [ipaddress.ip_network("10.%d.0.0/16" % i) for i in range(8)]
    nets6 = [ipaddress.ip_network("2001:db8:%x::/48" % i) for i in range(8)]
    seed = 7
    inside = 0
    addrs = []
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        a = ipaddress.ip_address("10.%d.%d.%d" % (seed % 10, (seed >> 8) % 256,
                                                  (seed >> 16) % 256))
        b = ipaddress.ip_address("2001:db8:%x::%x" % (seed % 10, seed & 0xFFFF))
        inside += any(a in net for net in nets) + any(b in net for net in nets6)
        addrs.append(a)
    addrs.sort()
    check = int(addrs[0]) ^ int(addrs[-1])
    private = sum(1 for a in addrs[:500] if a.is_private)
    iface = ipaddress.ip_interface("192.168.%d.1/24" % (n % 256))
    return inside, check, private, str(iface.network)


if __name__ == "__main__":
    print(main(DEFAULT_N))
