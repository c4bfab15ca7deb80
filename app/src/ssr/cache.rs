//! A small in-process cache with an expiry per entry, for public pages that many citizens
//! read and that change rarely. Entries never outlive their stated validity; a write in this
//! process clears them at once, and other processes' writes show within the expiry.
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::RwLock;
use std::time::{Duration, Instant};

pub struct TtlCache<K, V> {
    entries: RwLock<HashMap<K, (Instant, V)>>,
    max_entries: usize,
}

impl<K: Eq + Hash, V: Clone> TtlCache<K, V> {
    pub fn new(max_entries: usize) -> Self {
        TtlCache { entries: RwLock::new(HashMap::new()), max_entries }
    }

    pub fn get(&self, key: &K, now: Instant) -> Option<V> {
        let map = self.entries.read().ok()?;
        map.get(key).filter(|(until, _)| *until > now).map(|(_, v)| v.clone())
    }

    pub fn insert(&self, key: K, value: V, valid_for: Duration, now: Instant) {
        if valid_for.is_zero() {
            return;
        }
        if let Ok(mut map) = self.entries.write() {
            if map.len() >= self.max_entries {
                map.retain(|_, (until, _)| *until > now);
                if map.len() >= self.max_entries {
                    map.clear();
                }
            }
            map.insert(key, (now + valid_for, value));
        }
    }

    pub fn clear(&self) {
        if let Ok(mut map) = self.entries.write() {
            map.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_clear() {
        let cache = TtlCache::new(2);
        let t = Instant::now();
        cache.insert("a", 1, Duration::from_secs(1), t);
        assert_eq!(cache.get(&"a", t), Some(1));
        assert_eq!(cache.get(&"a", t + Duration::from_secs(2)), None);
        cache.insert("b", 2, Duration::ZERO, t);
        assert_eq!(cache.get(&"b", t), None);
        cache.clear();
        assert_eq!(cache.get(&"a", t), None);
    }
}
