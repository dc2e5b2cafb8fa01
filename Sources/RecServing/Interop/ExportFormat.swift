/// The file formats embeddings are exported in.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// One `.safetensors` file holding every tensor (loads with `safetensors.torch.load_file`).
    case safetensors
    /// A directory of `.npy` files, one per tensor (loads with `numpy.load`).
    case npy
    /// A directory of `.csv` files, one per tensor, `id,v0,…`.
    case csv
}
