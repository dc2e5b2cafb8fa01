import Foundation

/// The public datasets `lightgcn datasets download` knows, with the SHA-256 of every file whose
/// original is known.
///
/// The pinned values are those of ../shared/data/README.md, where each original file was checked
/// byte for byte against its upstream repository (git blob ids) and its SHA-256 recorded. Files no
/// verified copy exists of have no pin (`DatasetFile.sha256 == nil`): MovieLens 1M's
/// `ratings.dat`, HetRec's `user_taggedartists-timestamps.dat`, and every file of Yelp2018 and
/// Amazon-Book. `DatasetInstaller` refuses those unless unverified files are allowed.
public enum DatasetRegistry {
    /// Where the LightGCN authors keep the paper splits: `BASE/NAME/train.txt` and so on.
    public static let lightGCNRepository = "https://raw.githubusercontent.com/kuandeng/LightGCN/master/Data/"

    /// Every downloadable dataset, in the order `lightgcn datasets list` prints them.
    public static let all: [DownloadableDataset] = [movieLens100K, movieLens1M, hetRecLastFM, gowalla, yelp2018, amazonBook]

    /// The dataset called `name` (or stored in a directory called `name`), ignoring case.
    public static func dataset(named name: String) -> DownloadableDataset? {
        let lowered = name.lowercased()
        return all.first { $0.name == lowered || $0.directory == lowered }
    }

    /// MovieLens 100K from GroupLens: ratings, user and movie attributes, the official folds.
    /// The zip's two scripts (`allbut.pl`, `mku.sh`) are not data and are not installed.
    public static let movieLens100K = DownloadableDataset(
        name: "ml-100k", directory: "ml-100k", title: "MovieLens 100K", format: .movieLens100K,
        source: .zip(URL(string: "https://files.grouplens.org/datasets/movielens/ml-100k.zip")!),
        files: [
            DatasetFile("u.data", sha256: "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490"),
            DatasetFile("u.item", sha256: "553841ebc7de3a0fd0d6b62a204ea30c1e651aacfb2814c7a6584ac52f2c5701"),
            DatasetFile("u.user", sha256: "f120e114da2e8cf314fd28f99417c94ae9ddf1cb6db8ce0e4b5995d40e90e62c"),
            DatasetFile("u.genre", sha256: "9757e0d3e6b298159a80dd48eaf938114690e911e39af97a76949ef1663610bb"),
            DatasetFile("u.info", sha256: "5b0a40b2e47a729ee6203063f6dcf8790c2e63f5a18663e6ee318a72c5f3c27b"),
            DatasetFile("u.occupation", sha256: "cd5fbec9afe345d993a62fc7817df1a4a9079c4feb267b3118763b8fd942137d"),
            DatasetFile("README", sha256: "4883b8cf340ed0059971b33f56ad3adc88a40792108ebca3d24aafc4c82e8b52"),
            DatasetFile("u1.base", sha256: "ce253ec86c448b44fb3ba9a30d12dcfc2e9210cbde71efada3730c22e9ac212a"),
            DatasetFile("u1.test", sha256: "18c6014a4b2c7324f250a63f8904a7b16b2b19f911129e346141507b0cbac950"),
            DatasetFile("u2.base", sha256: "6c06f0b5df4b256da1a994f3ac66edc8da4d3f09bc9282df6b14d893366d703e"),
            DatasetFile("u2.test", sha256: "4de658d1e04ed9104629509a2e2528fce833ac8e048280183f1df167632038c3"),
            DatasetFile("u3.base", sha256: "afdc155c291c6edc41c0407e39d7462eb98d341e064f0b0a12175b80b3c4af5d"),
            DatasetFile("u3.test", sha256: "0f548b51c78327de4c156461d3e430b7e5579fe2b5681586a59416e48fd35f6d"),
            DatasetFile("u4.base", sha256: "219f0f4d40dfe9c5141d425f53fa91ee23ed275f14e280bbf1b50117afb064ca"),
            DatasetFile("u4.test", sha256: "7c02ad0a1e7ab1083c8b9d4b627203a051dd7b5eab46d99fa44de33470de8db9"),
            DatasetFile("u5.base", sha256: "a9574e59ce961eec2121627760b6e9b0974ce1637b3fe69ac32cb14a4bfab485"),
            DatasetFile("u5.test", sha256: "351cc52e0d15b6c721466276fc24671d40936899e3d01fadeaf312915b8c5634"),
            DatasetFile("ua.base", sha256: "67b5bcdb380c29f85d56a012ecd88612ae020f30a6730d117a334ee8203b91f2"),
            DatasetFile("ua.test", sha256: "d0497e202417720f57a184ec8c66be2d1afa4ff41bb53787c57b28d6bf79bc42"),
            DatasetFile("ub.base", sha256: "237254d253b6ad7de84f919d041055428646254f34ed8f562703c899430cd881"),
            DatasetFile("ub.test", sha256: "d54a72d05730d5892062734b2bec73e976f9b713d18c828a18b968d6cce442da"),
        ],
        terms: groupLensTerms)

    /// MovieLens 1M from GroupLens. No verified copy of `ratings.dat` is known, so it has no pin.
    public static let movieLens1M = DownloadableDataset(
        name: "ml-1m", directory: "ml-1m", title: "MovieLens 1M", format: .movieLens1M,
        source: .zip(URL(string: "https://files.grouplens.org/datasets/movielens/ml-1m.zip")!),
        files: [
            DatasetFile("ratings.dat", sha256: nil),
            DatasetFile("users.dat", sha256: "1dc3a95300cb19f7c10e027daf29b8cdf1d908dab65b5edfb45950aa389a10a3"),
            DatasetFile("movies.dat", sha256: "0140fc2356357c1a851d0f52e893a1e4d3696df632c4141cea8d5bc3d621f0b9"),
            DatasetFile("README", sha256: "2d5ddce86ccbd247207456165827b4b9ddf27282bca93807d4c763e28414f133"),
        ],
        terms: groupLensTerms)

    /// HetRec 2011 Last.fm 2K from GroupLens. `user_taggedartists-timestamps.dat` has no pin and is
    /// optional: the reader falls back to `user_taggedartists.dat` (the same assignments, by date).
    public static let hetRecLastFM = DownloadableDataset(
        name: "lastfm-hetrec", directory: "hetrec2011-lastfm-2k", title: "HetRec 2011 Last.fm 2K", format: .hetRecLastFM,
        source: .zip(URL(string: "https://files.grouplens.org/datasets/hetrec2011/hetrec2011-lastfm-2k.zip")!),
        files: [
            DatasetFile("user_artists.dat", sha256: "254272fa721c3935e8be286d28c051b206844307128698ab4eaa41d483379416"),
            DatasetFile("artists.dat", sha256: "c173881362c6b28551368fecb3c0be5a6a30a6cd859e1f5775413dfe46d48648"),
            DatasetFile("tags.dat", sha256: "c815d7216101fd0ba9b9c59fa2a011998d2fd076e0064d281ec4153d95ae8095"),
            DatasetFile("user_taggedartists.dat", sha256: "c4a9ffae9ab47a9f9b2f0678ab1f7e5c1db4ca818837d8cddd1f5699c5bbf048"),
            DatasetFile("user_friends.dat", sha256: "0360883a3557776e04fdebda851f2e5dd23e796cad7059b968acdebd528d13fa"),
            DatasetFile("readme.txt", sha256: "44c38757b3a24e68e844ac60c97ba7fd8e0f691cf1b00e9cf6bd8854df0dd64a"),
            DatasetFile("user_taggedartists-timestamps.dat", sha256: nil, isOptional: true),
        ],
        terms: "non-commercial use only (Last.fm's terms, see readme.txt); cite Last.fm and the HetRec'11 workshop.")

    /// Gowalla in the LightGCN paper split (29,858 users, 40,981 items, 1,027,370 interactions).
    public static let gowalla = paperSplit(
        name: "gowalla", title: "Gowalla (LightGCN split)",
        files: [
            DatasetFile("train.txt", sha256: "7244696fdeb23911319cf7b689f2e15a3c4c92549c873a5677b44e3f13cc3e62"),
            DatasetFile("test.txt", sha256: "099a2a73924e4b754dc6efd730d764f492321b53c38eb93298850c83acf57be3"),
            DatasetFile("user_list.txt", sha256: "5344c4d0deef610e1f148f23ad216a0db03b36f88834cd39a06786a672c5f5a1"),
            DatasetFile("item_list.txt", sha256: "6b186f92890cc3f0c15a6dae5d6285f125a302bb8c5ea0cd9a16cf9c16347139"),
        ],
        terms: "no license file in the LightGCN repository; the check-ins come from SNAP's loc-gowalla "
            + "(https://snap.stanford.edu/data/loc-gowalla.html); cite it and the LightGCN paper.")

    /// Yelp2018 in the LightGCN paper split. No verified copy is known: nothing is pinned.
    public static let yelp2018 = paperSplit(
        name: "yelp2018", title: "Yelp2018 (LightGCN split)", files: unpinnedPaperFiles,
        terms: "derived from the Yelp Open Dataset, whose terms allow personal, non-commercial and academic use only.")

    /// Amazon-Book in the LightGCN paper split. No verified copy is known: nothing is pinned.
    public static let amazonBook = paperSplit(
        name: "amazon-book", title: "Amazon-Book (LightGCN split)", files: unpinnedPaperFiles,
        terms: "derived from the Amazon review data of McAuley et al.; research use, cite their paper.")

    private static let groupLensTerms =
        "GroupLens terms: research use only, no redistribution without permission, no commercial use; "
        + "cite Harper & Konstan 2015 (see the README)."

    private static let unpinnedPaperFiles = ["train.txt", "test.txt", "user_list.txt", "item_list.txt"].map {
        DatasetFile($0, sha256: nil)
    }

    /// A dataset of the four LightGCN files under the authors' repository.
    private static func paperSplit(name: String, title: String, files: [DatasetFile], terms: String) -> DownloadableDataset {
        DownloadableDataset(
            name: name, directory: name, title: title, format: .paper,
            source: .files(base: URL(string: lightGCNRepository + name + "/")!), files: files, terms: terms)
    }
}
