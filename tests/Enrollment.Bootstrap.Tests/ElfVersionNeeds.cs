using System.Buffers.Binary;
using System.Text;

namespace Enrollment.Bootstrap.Tests;

/// <summary>
/// Reads an ELF64 little-endian executable's machine and the symbol versions it needs from shared libraries
/// (the SHT_GNU_verneed section: GLIBC_2.34 and so on), the way `objdump -T` lists them, without needing binutils.
/// Layout from the System V ABI and the LSB's symbol versioning chapter.
/// </summary>
public sealed record ElfVersionNeeds(ushort Machine, IReadOnlyDictionary<string, IReadOnlyList<string>> VersionsByLibrary)
{
    public const ushort X86_64 = 62;
    public const ushort AArch64 = 183;
    private const uint ShtGnuVerneed = 0x6ffffffe;

    public static ElfVersionNeeds Read(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException($"{path} is not an ELF file.");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException($"{path} is not ELF64 little-endian.");
        var machine = U16(elf, 18);
        var sectionOffset = (int)U64(elf, 40);
        var sectionSize = U16(elf, 58);
        var sectionCount = U16(elf, 60);

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var i = 0; i < sectionCount; i++)
        {
            var header = sectionOffset + i * sectionSize;
            if (U32(elf, header + 4) != ShtGnuVerneed) continue;
            var offset = (int)U64(elf, header + 24);
            var link = (int)U32(elf, header + 40);
            var strings = (int)U64(elf, sectionOffset + link * sectionSize + 24);
            var need = offset;
            while (true)
            {
                var count = U16(elf, need + 2);
                var file = Text(elf, strings + (int)U32(elf, need + 4));
                var versions = new List<string>();
                var aux = need + (int)U32(elf, need + 8);
                for (var a = 0; a < count; a++)
                {
                    versions.Add(Text(elf, strings + (int)U32(elf, aux + 8)));
                    aux += (int)U32(elf, aux + 12);
                }
                result[file] = versions;
                var next = (int)U32(elf, need + 12);
                if (next == 0) break;
                need += next;
            }
        }
        return new ElfVersionNeeds(machine, result);
    }

    /// <summary>The highest GLIBC_x.y any library needs, or null when none is needed.</summary>
    public Version? HighestGlibc() => VersionsByLibrary.Values.SelectMany(v => v)
        .Where(v => v.StartsWith("GLIBC_", StringComparison.Ordinal) && Version.TryParse(v["GLIBC_".Length..], out _))
        .Select(v => Version.Parse(v["GLIBC_".Length..]))
        .DefaultIfEmpty()
        .Max();

    private static ushort U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));
    private static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
    private static ulong U64(byte[] b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at));

    private static string Text(byte[] b, int at)
    {
        var end = Array.IndexOf(b, (byte)0, at);
        return Encoding.ASCII.GetString(b, at, end - at);
    }
}
